"""Forms for the second factor and for confirming the password before a sensitive change.

Sign-in, password change and password reset use Django's own forms, which already carry
the right ``autocomplete`` attributes.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User
from .otp import code_normalise

_CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "autocapitalize": "none",
    "autocorrect": "off",
    "spellcheck": "false",
}


class AuthenticatorCodeForm(forms.Form):
    """The six-digit code an authenticator app shows (spaces are ignored)."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Six digits; a new code appears every 30 seconds."),
        max_length=12,
        widget=forms.TextInput(attrs={**_CODE_ATTRS, "inputmode": "numeric", "size": 8}),
    )

    def clean_code(self) -> str:
        code = code_normalise(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(
                _("Please enter the six digits your app shows."), code="format"
            )
        return code


class RecoveryCodeForm(forms.Form):
    """One of the recovery codes saved at set-up (hyphen and case do not matter)."""

    code = forms.CharField(
        label=_("Recovery code"),
        help_text=_("Eight letters and digits, for example abcd-2345. Each code works once."),
        max_length=20,
        widget=forms.TextInput(attrs={**_CODE_ATTRS, "size": 12}),
    )

    def clean_code(self) -> str:
        code = code_normalise(self.cleaned_data["code"])
        if code.isdigit():
            # Digits only would be read as an authenticator code.
            raise forms.ValidationError(
                _("This is not a recovery code. Recovery codes contain letters."),
                code="format",
            )
        return code


class PasswordConfirmForm(forms.Form):
    """The current password, asked again before switching off the second factor."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your current password."), code="password_incorrect"
            )
        return password
