from django import forms
from django.template import Context, Template


class ExampleForm(forms.Form):
    colours = forms.MultipleChoiceField(
        choices=[("r", "Red"), ("g", "Green")], widget=forms.CheckboxSelectMultiple
    )
    size = forms.ChoiceField(choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect)
    note = forms.CharField(widget=forms.Textarea, max_length=5)


def render(form, name):
    return Template("{% govuk_field form." + name + " %}").render(Context({"form": form}))


def test_checkboxes_render_as_checkboxes():
    html = render(ExampleForm(), "colours")
    assert 'type="checkbox"' in html and 'type="radio"' not in html
    assert "govuk-checkboxes" in html


def test_radios_render_as_radios():
    html = render(ExampleForm(), "size")
    assert 'type="radio"' in html and "govuk-radios" in html


def test_errors_sit_beside_the_field_and_input_is_kept():
    form = ExampleForm(data={"note": "far too long", "colours": ["g"]})
    assert not form.is_valid()
    html = render(form, "note")
    assert "govuk-form-group--error" in html
    assert "far too long" in html
    assert 'value="g" checked' in render(form, "colours")
    summary = Template("{% govuk_error_summary form %}").render(Context({"form": form}))
    assert 'href="#id_size_0"' in summary and 'href="#id_note"' in summary


class ChoicesForm(forms.Form):
    colours = forms.MultipleChoiceField(
        choices=[("r", "Red"), ("g", "Green"), ("b", "Blue")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    size = forms.ChoiceField(
        choices=[("", "Any"), ("s", "Small"), ("l", "Large")], widget=forms.RadioSelect
    )
    place = forms.ChoiceField(choices=[("", "Choose"), ("1", "One <&> two"), ("2", "Two")])
    numbered = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int)
    grouped = forms.ChoiceField(
        choices=[("Near", [("n1", "Near one"), ("n2", "Near two")]), ("f", "Far")],
        widget=forms.RadioSelect,
    )


def _as_django_lists_them(bound_field) -> list[dict]:
    return [
        {
            "value": str(choice.data["value"]),
            "label": str(choice.choice_label),
            "selected": choice.data["selected"],
            "id": choice.id_for_label,
        }
        for choice in bound_field
    ]


def test_choices_are_listed_exactly_as_django_subwidgets_list_them():
    """The fields' choices are listed without building a widget for each
    choice; what is listed must not change."""
    from councils.templatetags.govuk import choice_options

    forms_ = [
        ChoicesForm(),
        ChoicesForm(initial={"colours": ["g", "b"], "size": "l", "place": "1", "numbered": 2}),
        ChoicesForm(data={"colours": ["r"], "size": "", "place": "", "grouped": "n2"}),
        ChoicesForm(auto_id=False),
    ]
    for form in forms_:
        for name in form.fields:
            listed = [
                {**option, "value": str(option["value"]), "label": str(option["label"])}
                for option in choice_options(form[name])
            ]
            assert listed == _as_django_lists_them(form[name]), (name, form.initial, form.data)
