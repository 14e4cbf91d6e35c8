"""Objectives, pillars and key messages per agency, and the plan every publishable item carries."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from newsroom import workflow
from outreach import planning
from outreach.planning import ContentPlan, Objective, Pillar

from .plan_fixtures import *  # noqa: F403 (fixtures)


def test_target_shares_of_the_pillars_add_up_to_at_most_100(pillars, agency):
    extra = Pillar(agency=agency, name="Hiburan", target_share=5)
    with pytest.raises(ValidationError) as refused:
        extra.full_clean()
    assert "105%" in refused.value.message_dict["target_share"][0]
    extra.is_active = False  # a pillar no longer used does not count
    extra.full_clean()


def test_an_objective_period_cannot_end_before_it_starts(agency):
    objective = Objective(agency=agency, title="Jangkauan", audience="Nelayan", metric="reach",
                          target_value=1000, period_start=date(2026, 12, 1),
                          period_end=date(2026, 11, 1))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        objective.full_clean()
    assert "period_end" in refused.value.message_dict


def test_an_engagement_rate_target_is_a_percentage(agency):
    objective = Objective(agency=agency, title="Interaksi", audience="Warganet",
                          metric="engagement_rate", target_value=150,
                          period_start=date(2026, 11, 1),
                          period_end=date(2026, 11, 30))  # fmt: skip
    with pytest.raises(ValidationError):
        objective.full_clean()


def test_slugs_are_made_from_names_and_stay_unique_per_agency(agency, objective):
    again = Objective.objects.create(agency=agency, title=objective.title, audience="Nelayan",
                                     metric="reach", target_value=1, period_start=date(2026, 11, 1),
                                     period_end=date(2026, 11, 30))  # fmt: skip
    assert objective.slug == "pembudidaya-tahu-program-bantuan-benih-2026"
    assert again.slug == "pembudidaya-tahu-program-bantuan-benih-2026-2"


def test_current_objectives_and_key_messages_by_date(objective, key_message):
    assert list(Objective.objects.current(date(2026, 11, 15))) == [objective]
    assert list(Objective.objects.current(date(2026, 12, 1))) == []
    assert key_message in type(key_message).objects.current(date(2027, 6, 1))  # open end


def test_set_plan_records_and_removes_the_plan(benih_article, pillars, objective, key_message):
    plan = planning.set_plan(benih_article, pillar=pillars["Edukasi"], objective=objective,
                             key_message=key_message)  # fmt: skip
    assert planning.plan_for(benih_article) == plan
    planning.set_plan(benih_article, pillar=pillars["Prestasi"])
    assert ContentPlan.objects.get().pillar == pillars["Prestasi"]
    planning.set_plan(benih_article, pillar=None)
    assert not ContentPlan.objects.exists()


def test_set_plan_refuses_another_agencys_pillar(benih_article, other_pillar):
    with pytest.raises(ValidationError):
        planning.set_plan(benih_article, pillar=other_pillar)


def test_plans_of_many_items_are_read_in_one_query(
    benih_article, make_article, agency, writer, pillars, django_assert_num_queries
):
    items = [benih_article] + [make_article(agency, writer) for _ in range(5)]
    for item in items:
        planning.set_plan(item, pillar=pillars["Edukasi"])
    with django_assert_num_queries(1):
        plans = planning.plans_for(items)
        assert all(plans[key].pillar.name == "Edukasi" for key in plans)
    assert len(plans) == 6


def test_deleting_an_item_removes_its_plan(benih_article, pillars):
    planning.set_plan(benih_article, pillar=pillars["Edukasi"])
    benih_article.delete()
    assert not ContentPlan.objects.exists()


# --- the plan fields in every publishable kind's form -----------------------------------------


def article_form(article, **changes):
    data = {"title": article.title, "slug": article.slug, "lead": article.lead,
            "body": article.body, "expected_version": article.version}  # fmt: skip
    data.update(changes)
    return data


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def test_the_article_form_offers_only_the_agencys_own_pillars(
    client, writer, benih_article, pillars, other_pillar
):
    benih_article.status = "draft"
    benih_article.save()
    client.force_login(writer)
    field = client.get(change_url(benih_article)).context["adminform"].form.fields["plan_pillar"]
    assert set(field.queryset) == set(pillars.values())
    assert other_pillar not in field.queryset


def test_the_writer_sets_pillar_objective_and_key_message_in_the_article_form(
    client, writer, draft_article, pillars, objective, key_message
):
    client.force_login(writer)
    data = article_form(draft_article, plan_pillar=pillars["Edukasi"].pk,
                        plan_objective=objective.pk, plan_key_message=key_message.pk)  # fmt: skip
    response = client.post(change_url(draft_article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = planning.plan_for(draft_article)
    assert (plan.pillar, plan.objective, plan.key_message) == (
        pillars["Edukasi"],
        objective,
        key_message,
    )


def test_a_pillar_is_required_once_the_agency_has_pillars(client, writer, draft_article, pillars):
    client.force_login(writer)
    response = client.post(change_url(draft_article), article_form(draft_article, plan_pillar=""))
    assert response.status_code == 200
    assert "Pilih pilar konten yang dilayani materi ini." in response.content.decode()


def test_the_pillar_is_marked_required_near_the_top_and_its_message_is_shown_once(
    client, writer, draft_article, pillars
):
    client.force_login(writer)
    page = client.get(change_url(draft_article))
    assert page.context["adminform"].form.fields["plan_pillar"].required
    assert '<label class="required" for="id_plan_pillar">' in page.content.decode()
    titles = [name for name, _options in page.context["adminform"].fieldsets]
    assert titles.index("Perencanaan konten") == 1  # right after the main fields
    response = client.post(change_url(draft_article), article_form(draft_article, plan_pillar=""))
    assert response.content.decode().count("Pilih pilar konten yang dilayani materi ini.") == 1


def test_a_form_sent_without_the_plan_fields_keeps_the_plan(client, writer, draft_article, pillars):
    planning.set_plan(draft_article, pillar=pillars["Interaksi"])
    client.force_login(writer)
    response = client.post(change_url(draft_article), article_form(draft_article, title="Baru"))
    assert response.status_code == 302
    assert planning.plan_for(draft_article).pillar == pillars["Interaksi"]


def test_another_agencys_pillar_posted_by_hand_is_refused(
    client, writer, draft_article, pillars, other_pillar
):
    client.force_login(writer)
    response = client.post(change_url(draft_article),
                           article_form(draft_article, plan_pillar=other_pillar.pk))  # fmt: skip
    assert response.status_code == 200
    assert not ContentPlan.objects.exists()


def test_in_review_the_plan_is_shown_as_text(client, writer, draft_article, pillars):
    planning.set_plan(draft_article, pillar=pillars["Prestasi"])
    workflow.submit(draft_article, actor=writer)
    client.force_login(writer)
    page = client.get(change_url(draft_article)).content.decode()
    assert "Prestasi" in page and 'name="plan_pillar"' not in page


# --- who manages the plan ------------------------------------------------------------------


@pytest.mark.parametrize("model", ["pillar", "objective", "keymessage", "hashtagset"])
def test_writers_see_but_do_not_change_the_plan(client, writer, supervisor, model, pillars):
    client.force_login(writer)
    assert client.get(reverse(f"admin:outreach_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:outreach_{model}_add")).status_code == 403
    client.force_login(supervisor)
    assert client.get(reverse(f"admin:outreach_{model}_add")).status_code == 200


def test_a_supervisor_adds_a_pillar_for_their_agency(client, supervisor, agency):
    client.force_login(supervisor)
    response = client.post(reverse("admin:outreach_pillar_add"),
                           {"agency": agency.pk, "name": "Edukasi", "colour": "#1f77b4",
                            "target_share": 30, "position": 0, "is_active": "on"})  # fmt: skip
    assert response.status_code == 302
    assert Pillar.objects.get().slug == "edukasi"


def test_another_agencys_pillar_is_not_found(client, supervisor, other_pillar):
    client.force_login(supervisor)
    url = reverse("admin:outreach_pillar_change", args=[other_pillar.pk])
    assert client.get(url).status_code == 404
    listing = client.get(reverse("admin:outreach_pillar_changelist")).content.decode()
    assert "#000000" not in listing


def test_a_supervisor_cannot_add_a_pillar_to_another_agency(client, supervisor, other_agency):
    client.force_login(supervisor)
    response = client.post(reverse("admin:outreach_pillar_add"),
                           {"agency": other_agency.pk, "name": "Susupan", "colour": "#1f77b4",
                            "target_share": 10, "position": 0})  # fmt: skip
    assert response.status_code == 200
    assert not Pillar.objects.exists()


def publishable_kinds_with_admin():
    from django.contrib import admin as django_admin

    from newsroom.publishing import kinds
    from outreach.posts import PlannedPost

    return [k for k in kinds() if k is not PlannedPost and k in django_admin.site._registry]


@pytest.mark.parametrize("kind", publishable_kinds_with_admin(), ids=lambda k: k._meta.label)
def test_every_publishable_kind_form_carries_the_plan(client, writer, pillars, other_pillar, kind):
    client.force_login(writer)
    opts = kind._meta
    page = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert set(form.fields["plan_pillar"].queryset) == set(pillars.values())
    assert "Perencanaan konten" in page.content.decode()


def test_supervisors_find_items_without_a_pillar(client, supervisor, benih_article, draft_article,
                                                 pillars):  # fmt: skip
    planning.set_plan(benih_article, pillar=pillars["Layanan Publik"])
    client.force_login(supervisor)
    url = reverse("admin:newsroom_article_changelist")
    without = client.get(url, {"pilar": "belum"}).context["cl"].result_list
    assert list(without) == [draft_article]
    served = client.get(url, {"pilar": pillars["Layanan Publik"].pk}).context["cl"].result_list
    assert list(served) == [benih_article]
    assert client.get(url, {"pilar": "x"}).status_code == 200
