"""Uploaded photos are re-encoded: upright, shrunk, and without location metadata."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sozialraum.lib.images import PHOTO_MAX_SIDE, PhotoField, photo_clean

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _jpeg_with_gps(width: int = 400, height: int = 200, orientation: int = 1) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Kamera GmbH"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (54.0, 47.0, 0.0), 3: "E", 4: (9.0, 26.0, 0.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_loses_its_location_and_camera_metadata() -> None:
    original = Image.open(io.BytesIO(_jpeg_with_gps()))
    assert original.getexif().get_ifd(GPS_IFD), "the fixture carries a GPS position"
    cleaned = Image.open(io.BytesIO(photo_clean(io.BytesIO(_jpeg_with_gps()))))
    assert cleaned.format == "JPEG"
    assert not cleaned.getexif()
    assert "exif" not in cleaned.info
    assert not cleaned.getexif().get_ifd(GPS_IFD)


def test_a_photo_is_turned_upright_by_its_orientation_tag() -> None:
    # Orientation 6: the camera was turned; the stored pixels are 400 wide, shown 200 wide.
    cleaned = Image.open(io.BytesIO(photo_clean(io.BytesIO(_jpeg_with_gps(orientation=6)))))
    assert cleaned.size == (200, 400)


def test_a_large_photo_is_shrunk_to_the_longest_side() -> None:
    big = io.BytesIO()
    Image.new("RGB", (4000, 1000)).save(big, format="PNG")
    big.seek(0)
    cleaned = Image.open(io.BytesIO(photo_clean(big)))
    assert cleaned.size == (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE // 4)


def test_a_file_that_is_no_image_is_refused_with_a_sentence() -> None:
    with pytest.raises(ValidationError) as refused:
        photo_clean(io.BytesIO(b"%PDF-1.4 not a photo"))
    assert refused.value.code == "not_an_image"


def test_the_form_field_gives_bytes_or_none() -> None:
    field = PhotoField(required=False)
    assert field.clean(None) is None
    upload = SimpleUploadedFile("bank.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    data = field.clean(upload)
    assert isinstance(data, bytes)
    assert data.startswith(b"\xff\xd8")


def test_the_refusal_is_german_for_german_users() -> None:
    from django.utils import translation

    with translation.override("de"), pytest.raises(ValidationError) as refused:
        photo_clean(io.BytesIO(b"not a photo"))
    assert refused.value.messages == [
        "Die Datei ist kein Foto, das wir lesen können (JPEG, PNG, WebP oder GIF)."
    ]
