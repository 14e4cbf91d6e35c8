from django.urls import path

from . import reports, views

app_name = "ppid"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("permohonan/", views.request_form, name="request"),
    path("permohonan/terkirim/", views.request_done, name="request_done"),
    path("status/", views.status, name="status"),
    path("status/<int:pk>/", views.status_detail, name="status_detail"),
    path("status/<int:pk>/lengkapi/", views.submit_completion, name="submit_completion"),
    path("status/<int:pk>/tarik/", views.withdraw, name="withdraw"),
    path("status/<int:pk>/survei/", views.survey, name="survey"),
    path("pemberitahuan/<int:pk>/", views.notice, name="notice"),
    path("pemberitahuan/<int:pk>.pdf", views.notice_pdf, name="notice_pdf"),
    path("berkas/<int:pk>/", views.attachment, name="attachment"),
    path("keberatan/", views.objection_form, name="objection"),
    path("keberatan/berkala/", views.periodic_objection_form, name="objection_periodic"),
    path("informasi/", views.dip_list, name="dip_list"),
    path("laporan/<int:year>/", reports.report_view, name="report"),
    path("laporan/<int:year>.csv", reports.report_view, {"fmt": "csv"}, name="report_csv"),
]
