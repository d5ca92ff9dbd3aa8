"""The development record's demo (`manage.py seed_demo_support`, run by `seed_demo` at its end):
the red-ginger story (story.py) and activities, services, referrals, snapshots and milestones
around the catalog demo's businesses (data.py), seeded through the support services
(seeding.py)."""
