"""The demo month of Dislutkan's Digital PR desk (seed_demo)."""

import io

import time_machine

from accounts import demo as accounts_demo
from newsroom import demo as newsroom_demo
from outreach import demo, platforms
from outreach.planning import ContentPlan, Objective, Pillar
from outreach.posts import PlannedPost

from .plan_fixtures import *  # noqa: F403 (fixtures)
from .plan_fixtures import wib


@time_machine.travel(wib(29, 10), tick=False)
def test_the_demo_month_has_a_plan_and_twenty_posts_in_every_state(db):
    agencies = accounts_demo.seed_agencies()
    accounts_demo.seed_users(agencies)
    newsroom_demo.seed(agencies)
    assert demo.seed(agencies, stdout=io.StringIO()) == 20
    assert demo.seed(agencies) == 0  # idempotent
    dislutkan = agencies["dislutkan"]
    pillars = Pillar.objects.filter(agency=dislutkan)
    assert sorted(p.name for p in pillars) == [
        "Edukasi", "Interaksi", "Kegiatan Pimpinan", "Layanan Publik", "Prestasi"
    ]  # fmt: skip
    assert sum(p.target_share for p in pillars) == 100
    objective = Objective.objects.get(agency=dislutkan)
    assert (objective.period_start.day, objective.period_end.day) == (1, 30)
    posts = list(PlannedPost.objects.filter(agency=dislutkan))
    assert len(posts) == 20
    assert len({p.platform for p in posts}) == len(platforms.Platform)  # every platform
    states = {(p.status, p.is_posted) for p in posts}
    assert {("published", True), ("published", False), ("in_review", False),
            ("draft", False)} <= states  # fmt: skip
    for post in posts:
        assert platforms.check_text(post.platform, post.full_text(), title=post.title) == {}
    assert ContentPlan.objects.filter(agency=dislutkan).count() == 6
