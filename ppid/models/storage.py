"""Where personal uploads live: PRIVATE_MEDIA_ROOT, never under MEDIA_ROOT or /media/."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at settings.PRIVATE_MEDIA_ROOT, with no public URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no URL; use the ppid:attachment view.")


_storage = PrivateStorage()


def private_storage():
    """Callable for FileField(storage=...), so migrations do not freeze a path."""
    return _storage
