"""Fixtures of the security tests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "security-test-not-a-real-key-0123456789abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "portal.example.go.id",
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_production(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    """Run ``python <args>`` in a fresh process with production settings (DEBUG off)."""
    env = {**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "humas.settings"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # browser tests set it; never in production
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
