"""Photos that users upload (an idea, a barrier on a walk): checked, turned upright,
shrunk and re-encoded, so no location or camera metadata leaves the uploader's phone.

The result is plain JPEG bytes, small enough to keep in the database next to the record
it shows (a ``BinaryField``) and to serve through a view that declares its audience.
"""

from __future__ import annotations

import io
from typing import IO

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

#: The longest side of a stored photo, in pixels.
PHOTO_MAX_SIDE = 1600
#: The largest upload accepted, in bytes (before shrinking).
PHOTO_MAX_UPLOAD = 15 * 1024 * 1024
#: Pixels a decoded upload may have at most (a guard against decompression bombs).
PHOTO_MAX_PIXELS = 50_000_000
PHOTO_QUALITY = 82
PHOTO_CONTENT_TYPE = "image/jpeg"


def photo_clean(upload: IO[bytes], *, max_side: int = PHOTO_MAX_SIDE) -> bytes:
    """JPEG bytes of ``upload``: EXIF orientation applied, at most ``max_side`` pixels on
    the longer side, and without any metadata (EXIF, GPS, XMP, ICC comments).

    Raises ``ValidationError`` with a sentence for the form when the file is no image,
    too large or has too many pixels."""
    size = getattr(upload, "size", None)
    if size is not None and size > PHOTO_MAX_UPLOAD:
        raise ValidationError(
            _("The photo is larger than %(megabytes)d MB."),
            code="too_large",
            params={"megabytes": PHOTO_MAX_UPLOAD // (1024 * 1024)},
        )
    try:
        with Image.open(upload) as image:
            if image.width * image.height > PHOTO_MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."), code="too_many_pixels")
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The file is not a photo we can read (JPEG, PNG, WebP or GIF)."),
            code="not_an_image",
        ) from error
    upright = upright.convert("RGB")
    upright.thumbnail((max_side, max_side))
    # A new image holds only the pixels: nothing of the original's info dict is copied.
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=PHOTO_QUALITY, optimize=True)
    return out.getvalue()


class PhotoField(forms.FileField):
    """A file field whose cleaned value is the stored photo's JPEG bytes (see
    :func:`photo_clean`), or ``None`` when nothing was uploaded."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("label", _("Photo"))
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.widget.attrs.setdefault("accept", "image/*")

    def clean(self, data: object, initial: object = None) -> bytes | None:
        upload = super().clean(data, initial)
        if not upload:
            return None
        return photo_clean(upload)
