"""Django's own admin and auth messages whose Indonesian we word differently, kept in our catalog.

Our catalog (LOCALE_PATHS) wins over the catalogs that ship with Django, so an entry there with
Django's exact msgid replaces Django's wording ("RUBAH" for "Ubah", "1 buah (7 total)", "anda").
``tools/i18n.py update`` runs makemessages with ``--no-obsolete``, which drops every entry that no
source file of ours names: listing the msgids here with ``gettext_noop`` keeps the overrides across
updates. The module is only read by makemessages; nothing imports it. Copy a msgid from Django's
``contrib/*/locale/id/LC_MESSAGES/django.po`` exactly (typographic apostrophes included), then
translate it with ``tools/i18n.py fill``; tests/test_admin_polish.py checks the wording shown.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ADMIN = [
    # The changelist's count after a search or filter: "1 hasil (7 seluruhnya)".
    ngettext_lazy("%(counter)s result", "%(counter)s results", "counter"),
    gettext_noop("%(full_result_count)s total"),
    gettext_noop("Change or view list link"),
    # The menu's filter box: Django's Indonesian is cut off in the 240 px menu.
    gettext_noop("Start typing to filter…"),
    gettext_noop("Select %s to view"),
    gettext_noop(
        "Items must be selected in order to perform actions on them. No items have been changed."
    ),
    gettext_noop(
        "Deleting %(class_name)s %(instance)s would require deleting the following protected "
        "related objects: %(related_objects)s"
    ),
    gettext_noop(
        "There’s been an error. It’s been reported to the site administrators via email and "
        "should be fixed shortly. Thanks for your patience."
    ),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("In case you’ve forgotten, you are:"),
    # "Simpan dan terus mengedit": one plain sentence after adding and after changing.
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
]

AUTH = [
    # One word for e-mail across the product ("e-mail", not Django's "email" or "surel").
    gettext_noop("email address"),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
]
