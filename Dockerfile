# Alongside's container image: the web app (default command) and, with another command, the
# background worker or migrations. compose.yaml runs all three with PostgreSQL; docs/operations.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ALONGSIDE_DATA_DIR=/data \
    ALONGSIDE_STATIC_ROOT=/app/static

# The app runs as an ordinary user that owns only its data directory, not the installed code.
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin alongside \
    && mkdir -p /app /data \
    && chown alongside:alongside /data

WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
RUN pip install . && rm -rf /app/src /app/build

# Static files are compressed once here. The key only lets settings load for this step; it is not
# kept in the image (the running app reads SECRET_KEY or SECRET_KEY_FILE).
RUN SECRET_KEY=collectstatic-only ALONGSIDE_DATA_DIR=/tmp/build-data alongside collectstatic --noinput \
    && rm -rf /tmp/build-data

USER alongside
VOLUME ["/data"]
EXPOSE 8000

# Liveness: the database answers. Sent with the first allowed host name, as a real request would be.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; host = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.'); r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': host}), timeout=4)"]

CMD ["alongside", "serve", "--no-worker", "--host", "0.0.0.0", "--port", "8000"]
