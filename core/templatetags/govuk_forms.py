"""Template filters of the project's GOV.UK form templates (templates/gds/)."""

from django import forms, template

register = template.Library()


@register.filter
def or_character_limit(given, bound_field):
    """The limit a GOV.UK character count shows under a text box: the one a layout gives, or
    the field's own (`core.forms.bound_text` gives every text box one). None for other inputs.
    (The layout's value comes first: a filter's argument may not be missing, its value may.)"""
    if given:
        return given
    field = bound_field.field
    if isinstance(field.widget, forms.Textarea):
        return getattr(field, "max_length", None)
    return None


@register.filter
def thousands(number) -> str:
    """10000 as "10,000", as GOV.UK writes numbers."""
    return f"{int(number):,}"
