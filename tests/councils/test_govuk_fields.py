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
