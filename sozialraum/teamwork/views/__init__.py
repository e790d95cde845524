"""Pages of a district team's shared work under ``/konto/teams/<slug>/``: worklist,
conferences, tasks, projects, hours; and ``/konto/aufgaben/`` ("Meine Aufgaben").

Every page is for case-work roles and reads its team through
:func:`~sozialraum.teamwork.access.team_for_member`; objects are looked up only among the
team's own, so a member of team A gets 404 for team B's conference, task or project.
"""
