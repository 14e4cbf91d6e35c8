"""The OpenAPI schema in the visitor's language: a view's ``api_description`` (translated) is its
operations' description; its docstring stays for whoever reads the code."""

from drf_spectacular.openapi import AutoSchema


class PublicSchema(AutoSchema):
    def get_description(self):
        description = getattr(self.view, "api_description", None)
        return str(description) if description else super().get_description()
