"""Words a civil servant reads in the forms: one plain sentence after "Simpan dan terus mengedit"
(Django's catalog says "menyunting itu kembali" after adding, "mengeditnya" after a change), one
wording for alt text, and a vertical focal point that is not "menurun"."""

from django.utils import translation
from django.utils.translation import gettext


def test_save_and_continue_says_the_same_plain_sentence_after_adding_and_after_changing():
    with translation.override("id"):
        added = gettext("You may edit it again below.")
        changed = gettext(
            "The {name} “{obj}” was changed successfully. You may edit it again below."
        )
    assert added == "Anda dapat menyuntingnya kembali di bawah."
    assert changed.endswith(added)


def test_the_photo_form_and_the_checklist_ask_for_alt_text_in_the_same_words():
    with translation.override("id"):
        field = gettext("Describe the photo for people who cannot see it (alternative text).")
        checklist = gettext("Describe the photo for readers who cannot see it (alt text).")
        vertical = gettext("focal point, down")
    assert field == checklist
    assert vertical == "titik fokus, tegak"  # "menurun" reads as "decreasing"
