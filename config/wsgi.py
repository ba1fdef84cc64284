import os

from django.core.wsgi import get_wsgi_application

from organisations.checks import refuse_demo_accounts_at_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
refuse_demo_accounts_at_start()
