"""The PP 7/2021 scale class at its boundaries (Art. 35): by business capital excluding land and
buildings (micro up to Rp1 bn, small up to Rp5 bn, medium up to Rp10 bn, each bound included);
when the capital is not known, by annual turnover (Rp2 bn, Rp15 bn, Rp50 bn); None with neither."""

import pytest

from catalog.models import Business
from support.models import ScaleClass, Snapshot, scale_class

BN = 1_000_000_000
MICRO, SMALL, MEDIUM, LARGE = ScaleClass  # in their order


@pytest.mark.parametrize(
    ("capital", "expected"),
    [(0, MICRO), (1, MICRO), (1 * BN, MICRO), (1 * BN + 1, SMALL), (5 * BN, SMALL),
     (5 * BN + 1, MEDIUM), (10 * BN, MEDIUM), (10 * BN + 1, LARGE)],
)  # fmt: skip
def test_by_capital(capital, expected):
    assert scale_class(capital=capital, turnover=None) == expected


@pytest.mark.parametrize(
    ("turnover", "expected"),
    [(0, MICRO), (2 * BN, MICRO), (2 * BN + 1, SMALL), (15 * BN, SMALL), (15 * BN + 1, MEDIUM),
     (50 * BN, MEDIUM), (50 * BN + 1, LARGE)],
)  # fmt: skip
def test_by_turnover_when_the_capital_is_not_known(turnover, expected):
    assert scale_class(capital=None, turnover=turnover) == expected


@pytest.mark.parametrize(
    ("capital", "turnover", "expected"),
    [(1 * BN, 50 * BN + 1, MICRO),  # capital decides, however high the turnover
     (10 * BN + 1, 0, LARGE),
     (0, 20 * BN, MICRO)],  # a capital of 0 is a capital, not a missing one
)  # fmt: skip
def test_the_capital_decides_when_both_are_known(capital, turnover, expected):
    assert scale_class(capital=capital, turnover=turnover) == expected


def test_neither_gives_no_class():
    assert scale_class(capital=None, turnover=None) is None


def test_a_snapshot_computes_its_class_and_compares_with_the_declared_scale():
    snapshot = Snapshot(capital=None, turnover=3 * BN)
    assert snapshot.scale_class == SMALL
    # Its values are Business.Scale's (which has no "large"), so the two compare as they are.
    assert snapshot.scale_class == Business.Scale.SMALL
    assert set(ScaleClass.values) - set(Business.Scale.values) == {LARGE}
    assert Snapshot(capital=None, turnover=None).scale_class is None
