"""The plan's models, moved from casework (``casework.0103``): they enter the plan app's
migration state only and keep their tables (``db_table`` ``casework_*``), so an existing
database keeps every row and a new one has the tables from casework's migrations.
"""

import datetime
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('casework', '0103_plan_models_leave_for_plan_app'),
        ('directory', '0004_stale_notice'),
        ('districts', '0001_initial'),
        ('networkmap', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LifeArea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=2, unique=True, verbose_name='code')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('plain_name', models.CharField(max_length=120, verbose_name='name in plain words')),
                    ],
                    options={
                        'verbose_name': 'life area',
                        'verbose_name_plural': 'life areas',
                        'db_table': 'casework_lifearea',
                        'ordering': ['code'],
                    },
                ),
                migrations.CreateModel(
                    name='Goal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='goal in plain words')),
                        ('how_to_know', models.TextField(verbose_name='how I will know it is reached')),
                        ('status', models.CharField(choices=[('open', 'being worked on'), ('reached', 'reached'), ('dropped', 'no longer wanted')], default='open', max_length=10, verbose_name='status')),
                        ('known_already', models.TextField(blank=True, verbose_name='something the person already knows')),
                        ('known_already_at', models.DateTimeField(blank=True, null=True, verbose_name='asked at')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='goals', to='casework.person', verbose_name='person')),
                        ('life_area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='goals', to='plan.lifearea', verbose_name='life area')),
                    ],
                    options={
                        'verbose_name': 'goal',
                        'verbose_name_plural': 'goals',
                        'db_table': 'casework_goal',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Plan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='plan', to='casework.person', verbose_name='person')),
                    ],
                    options={
                        'verbose_name': 'plan',
                        'verbose_name_plural': 'plans',
                        'db_table': 'casework_plan',
                    },
                ),
                migrations.CreateModel(
                    name='PlanVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveIntegerField(verbose_name='version')),
                        ('status', models.CharField(choices=[('draft', 'draft'), ('final', 'final')], default='draft', max_length=5, verbose_name='status')),
                        ('review_on', models.DateField(blank=True, null=True, verbose_name='review date')),
                        ('finalised_at', models.DateTimeField(blank=True, null=True, verbose_name='finalised at')),
                        ('document', models.JSONField(blank=True, default=dict, verbose_name='frozen plan')),
                        ('finalised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='finalised by')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='plan.plan', verbose_name='plan')),
                    ],
                    options={
                        'verbose_name': 'plan version',
                        'verbose_name_plural': 'plan versions',
                        'db_table': 'casework_planversion',
                        'ordering': ['plan', '-number'],
                    },
                ),
                migrations.CreateModel(
                    name='PlanStep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('what', models.TextField(verbose_name='what')),
                        ('who', models.CharField(max_length=200, verbose_name='who')),
                        ('due_on', models.DateField(verbose_name='by when')),
                        ('goal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='steps', to='plan.goal', verbose_name='goal')),
                        ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='plan.planversion', verbose_name='plan version')),
                    ],
                    options={
                        'verbose_name': 'agreed step',
                        'verbose_name_plural': 'agreed steps',
                        'db_table': 'casework_planstep',
                        'ordering': ['due_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='PlanParticipant',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('role', models.CharField(blank=True, max_length=200, verbose_name='role or relation')),
                        ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='plan.planversion', verbose_name='plan version')),
                    ],
                    options={
                        'verbose_name': 'participant of the plan conference',
                        'verbose_name_plural': 'participants of the plan conference',
                        'db_table': 'casework_planparticipant',
                        'ordering': ['pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Referral',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', models.CharField(choices=[('suggested', 'suggested'), ('contacted', 'contacted'), ('first_visit', 'first visit'), ('in_use', 'in use'), ('not_suitable', 'not suitable'), ('nothing_found', 'nothing found')], default='suggested', max_length=14, verbose_name='state')),
                        ('reason', models.CharField(blank=True, choices=[('too_far', 'too far away'), ('not_accessible', 'not accessible enough'), ('too_expensive', 'too expensive'), ('wrong_times', 'times do not fit'), ('language', 'language or communication does not fit'), ('full', 'no place free'), ('not_wanted', 'the person did not like it'), ('no_offer', 'there is no such offer'), ('other', 'another reason')], max_length=16, verbose_name='reason')),
                        ('follow_up_on', models.DateField(blank=True, null=True, verbose_name='follow up on')),
                        ('do_not_contact', models.BooleanField(default=False, verbose_name='the provider must not contact the person')),
                        ('note_for_provider', models.CharField(blank=True, max_length=300, verbose_name='note for the provider')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='updated')),
                        ('goal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='referrals', to='plan.goal', verbose_name='goal')),
                        ('offer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='referrals', to='directory.offer', verbose_name='offer')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='referrals', to='casework.person', verbose_name='person')),
                        ('worker', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='referrals', to=settings.AUTH_USER_MODEL, verbose_name='worker')),
                    ],
                    options={
                        'verbose_name': 'referral',
                        'verbose_name_plural': 'referrals',
                        'db_table': 'casework_referral',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReferralEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', models.CharField(choices=[('suggested', 'suggested'), ('contacted', 'contacted'), ('first_visit', 'first visit'), ('in_use', 'in use'), ('not_suitable', 'not suitable'), ('nothing_found', 'nothing found')], max_length=14, verbose_name='state')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                        ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                        ('referral', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='plan.referral', verbose_name='referral')),
                    ],
                    options={
                        'verbose_name': 'referral step',
                        'verbose_name_plural': 'referral steps',
                        'db_table': 'casework_referralevent',
                        'ordering': ['at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReferralGap',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('life_area', models.CharField(blank=True, max_length=2, verbose_name='life area')),
                        ('outcome', models.CharField(choices=[('suggested', 'suggested'), ('contacted', 'contacted'), ('first_visit', 'first visit'), ('in_use', 'in use'), ('not_suitable', 'not suitable'), ('nothing_found', 'nothing found')], max_length=14, verbose_name='outcome')),
                        ('reason', models.CharField(choices=[('too_far', 'too far away'), ('not_accessible', 'not accessible enough'), ('too_expensive', 'too expensive'), ('wrong_times', 'times do not fit'), ('language', 'language or communication does not fit'), ('full', 'no place free'), ('not_wanted', 'the person did not like it'), ('no_offer', 'there is no such offer'), ('other', 'another reason')], max_length=16, verbose_name='reason')),
                        ('month', models.DateField(verbose_name='month')),
                        ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='referral_gaps', to='directory.category', verbose_name='category')),
                        ('district', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='referral_gaps', to='districts.district', verbose_name='district')),
                    ],
                    options={
                        'verbose_name': 'unmet need from a referral',
                        'verbose_name_plural': 'unmet needs from referrals',
                        'db_table': 'casework_referralgap',
                        'ordering': ['-month', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ResourceEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rung', models.CharField(choices=[('self', 'What I can do myself'), ('network', 'What my network can do'), ('quartier', 'Institutions and offers of the Quartier'), ('professional', 'Professional help'), ('for_others', 'What I can do for others')], max_length=12, verbose_name='rung')),
                        ('text', models.TextField(verbose_name='what')),
                        ('professional_kind', models.CharField(blank=True, max_length=200, verbose_name='kind of help')),
                        ('hours_per_month', models.DecimalField(blank=True, decimal_places=1, max_digits=6, null=True, verbose_name='hours per month')),
                        ('cost_per_month', models.DecimalField(blank=True, decimal_places=2, max_digits=9, null=True, verbose_name='cost per month (EUR)')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='networkmap.contact', verbose_name='contact of the network map')),
                        ('goal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='resources', to='plan.goal', verbose_name='goal')),
                        ('offer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='directory.offer', verbose_name='offer of the directory')),
                    ],
                    options={
                        'verbose_name': 'resource',
                        'verbose_name_plural': 'resources',
                        'db_table': 'casework_resourceentry',
                        'ordering': ['goal', 'created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Review',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('held_on', models.DateField(default=datetime.date.today, verbose_name='held on')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='casework.person', verbose_name='person')),
                    ],
                    options={
                        'verbose_name': 'review',
                        'verbose_name_plural': 'reviews',
                        'db_table': 'casework_review',
                        'ordering': ['-held_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='GoalReview',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('what_happened', models.TextField(verbose_name='what happened')),
                        ('goal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='plan.goal', verbose_name='goal')),
                        ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='goal_reviews', to='plan.review', verbose_name='review')),
                    ],
                    options={
                        'verbose_name': 'review of a goal',
                        'verbose_name_plural': 'reviews of goals',
                        'db_table': 'casework_goalreview',
                    },
                ),
                migrations.CreateModel(
                    name='SelfRating',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rated_on', models.DateField(default=datetime.date.today, verbose_name='rated on')),
                        ('life_satisfaction', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='life satisfaction (0-10)')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='self_ratings', to='casework.person', verbose_name='person')),
                        ('review', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='self_rating', to='plan.review', verbose_name='review')),
                    ],
                    options={
                        'verbose_name': 'self-rating',
                        'verbose_name_plural': 'self-ratings',
                        'db_table': 'casework_selfrating',
                        'ordering': ['rated_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='AreaRating',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('participation', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='participation (0-10)')),
                        ('life_area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='plan.lifearea', verbose_name='life area')),
                        ('rating', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='areas', to='plan.selfrating', verbose_name='self-rating')),
                    ],
                    options={
                        'verbose_name': 'participation rating',
                        'verbose_name_plural': 'participation ratings',
                        'db_table': 'casework_arearating',
                        'ordering': ['life_area__code'],
                    },
                ),
                migrations.CreateModel(
                    name='WillStatement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name="in the person's own words")),
                        ('said_on', models.DateField(default=datetime.date.today, verbose_name='said on')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='will_statements', to='casework.person', verbose_name='person')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ],
                    options={
                        'verbose_name': 'statement of will',
                        'verbose_name_plural': 'statements of will',
                        'db_table': 'casework_willstatement',
                        'ordering': ['-said_on', '-recorded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='PersonalPlace',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('latitude', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(-90), django.core.validators.MaxValueValidator(90)], verbose_name='latitude')),
                        ('longitude', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(-180), django.core.validators.MaxValueValidator(180)], verbose_name='longitude')),
                        ('mark', models.CharField(choices=[('used', 'I use it'), ('liked', 'I like it'), ('avoided', 'I avoid it'), ('out_of_reach', 'out of reach for me'), ('wished', 'I wish for it')], max_length=12, verbose_name='mark')),
                        ('why', models.CharField(blank=True, choices=[('barrier', 'a barrier'), ('cost', 'the cost'), ('fear', 'fear'), ('distance', 'the distance')], max_length=10, verbose_name='why out of reach')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('offer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='directory.offer', verbose_name='offer of the directory')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='places', to='casework.person', verbose_name='person')),
                    ],
                    options={
                        'verbose_name': 'place that matters',
                        'verbose_name_plural': 'places that matter',
                        'db_table': 'casework_personalplace',
                        'ordering': ['name', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('offer__isnull', False), models.Q(('latitude__isnull', False), ('longitude__isnull', False)), _connector='OR'), name='personal_place_point_or_offer'), models.CheckConstraint(condition=models.Q(models.Q(('mark', 'out_of_reach'), _negated=True), models.Q(('why', ''), _negated=True), _connector='OR'), name='personal_place_out_of_reach_has_why')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='planversion',
                    constraint=models.UniqueConstraint(fields=('plan', 'number'), name='plan_version_number_unique'),
                ),
                migrations.AddConstraint(
                    model_name='planversion',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'draft')), fields=('plan',), name='plan_one_draft'),
                ),
                migrations.AddConstraint(
                    model_name='planversion',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('finalised_at__isnull', False), _connector='OR'), name='plan_version_final_has_date'),
                ),
                migrations.AddConstraint(
                    model_name='referral',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'not_suitable'), _negated=True), models.Q(('reason', ''), _negated=True), _connector='OR'), name='referral_not_suitable_has_reason'),
                ),
                migrations.AddConstraint(
                    model_name='referral',
                    constraint=models.CheckConstraint(condition=models.Q(('state', 'nothing_found'), ('offer__isnull', False), _connector='OR'), name='referral_has_offer_unless_nothing_found'),
                ),
                migrations.AddConstraint(
                    model_name='resourceentry',
                    constraint=models.CheckConstraint(condition=models.Q(('offer__isnull', True), ('rung', 'quartier'), _connector='OR'), name='resource_offer_only_on_quartier_rung'),
                ),
                migrations.AddConstraint(
                    model_name='resourceentry',
                    constraint=models.CheckConstraint(condition=models.Q(('contact__isnull', True), ('rung', 'network'), _connector='OR'), name='resource_contact_only_on_network_rung'),
                ),
                migrations.AddConstraint(
                    model_name='goalreview',
                    constraint=models.UniqueConstraint(fields=('review', 'goal'), name='goal_review_once'),
                ),
                migrations.AddConstraint(
                    model_name='selfrating',
                    constraint=models.CheckConstraint(condition=models.Q(('life_satisfaction__lte', 10)), name='self_rating_satisfaction_0_10'),
                ),
                migrations.AddConstraint(
                    model_name='arearating',
                    constraint=models.UniqueConstraint(fields=('rating', 'life_area'), name='area_rating_once'),
                ),
                migrations.AddConstraint(
                    model_name='arearating',
                    constraint=models.CheckConstraint(condition=models.Q(('participation__lte', 10)), name='area_rating_participation_0_10'),
                ),
            ],
            database_operations=[],
        ),
    ]
