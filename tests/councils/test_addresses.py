from django.urls import reverse

from councils.addresses import id_url
from councils.models import new_short_id


def test_an_address_built_once_is_the_one_reverse_gives_for_every_id():
    for name in ("rep_record", "surgery_detail", "feedback_detail", "quote_review"):
        u = id_url(name, "an-org")
        for public_id in [new_short_id() for _ in range(20)] + ["a-b_C9"]:
            expected = reverse(name, args=["an-org", public_id])
            assert u(public_id) == expected
            assert f"{u.before}{public_id}{u.after}" == expected


def test_an_id_that_is_not_url_safe_is_reversed_as_usual():
    u = id_url("rep_record", "an-org")
    odd = "a b ç"
    assert u(odd) == reverse("rep_record", args=["an-org", odd])


def test_a_template_puts_the_id_between_the_two_halves():
    from django.template import Context, Template

    u = id_url("rep_record", "an-org")
    html = Template("{{ u.before }}{{ id }}{{ u.after }}").render(Context({"u": u, "id": "abc"}))
    assert html == reverse("rep_record", args=["an-org", "abc"])
