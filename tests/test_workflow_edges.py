"""Edges of the flagship workflow's steps that the typed code spells out: the designation's
default year, and a reviewer whose role is gone by the time the step reads it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from agencies.models import Agency
from catalog import workflow
from catalog.models import Assessment, AssessmentScore, Designation, Nomination
from tests.factories import CriterionFactory


def test_approving_without_a_year_designates_for_the_year_the_period_starts(world):
    CriterionFactory(code="keunikan")
    reviewer, administrator = world.people["reviewer"], world.people["administrator"]
    workflow.assess(nomination=world.nomination, by=reviewer, scores={"keunikan": 4})
    workflow.act(nomination=world.nomination, by=reviewer, action="recommend")

    workflow.act(
        nomination=world.nomination,
        by=administrator,
        action="approve",
        valid_from=date(2027, 3, 1),
        valid_until=date(2028, 2, 29),
        decree_number="188.44/3/2027",
    )

    designation = Designation.objects.get(nomination=world.nomination)
    assert designation.year == 2027
    assert designation.approved_by == administrator
    world.nomination.refresh_from_db()
    assert world.nomination.state == Nomination.State.APPROVED


def test_a_reviewer_whose_role_goes_after_the_check_is_refused_and_nothing_is_written(
    world, monkeypatch
):
    CriterionFactory(code="keunikan")
    # The check finds a reviewer; by the time the step asks for their leading-sector agency,
    # the membership is gone.
    monkeypatch.setattr(workflow.rules, "reviewing_agencies", lambda user: Agency.objects.none())

    with pytest.raises(PermissionDenied):
        workflow.assess(
            nomination=world.nomination, by=world.people["reviewer"], scores={"keunikan": 4}
        )

    assert not Assessment.objects.exists()
    assert not AssessmentScore.objects.exists()
