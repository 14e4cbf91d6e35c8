"""CKEditor's upload and browse endpoints (newsroom.uploads: staff, CSRF-checked, per agency);
django-ckeditor's own views and sample pages are not routed. Included under /admin/ckeditor/."""

from django.urls import path

from . import uploads

urlpatterns = [
    path("upload/", uploads.upload, name="ckeditor_upload"),
    path("browse/", uploads.browse, name="ckeditor_browse"),
]
