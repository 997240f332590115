from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role


class GroupRoleForm(forms.Form):
    group = forms.CharField(
        label=_("Group at the identity provider"),
        max_length=200,
        help_text=_("As the provider sends it: a group name, or an object id (Entra ID)."),
    )
    role = forms.ChoiceField(label=_("Role here"), choices=Role.choices)
