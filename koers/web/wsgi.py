"""The WSGI application (``WSGI_APPLICATION``): Django behind load shedding, which answers a
request that waited too long for a worker thread with a quick 429 (see :mod:`shedding`; the
wait is known when gunicorn runs :class:`koers.web.shedding.Worker`, as ``koers serve`` does)."""

import os

from django.core.wsgi import get_wsgi_application

from koers.web.shedding import Shedding, shed_after_s

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
application = Shedding(get_wsgi_application(), shed_after_s())
