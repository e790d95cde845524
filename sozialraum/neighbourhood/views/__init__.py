"""The pages of neighbourly help: members' pages and the coordinators' pages."""
