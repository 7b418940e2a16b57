# One image for every strikewatch service; the compose file picks the subcommand
# (producer, processor, sink). Configuration comes from STRIKEWATCH_* variables.
FROM python:3.11.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --system --uid 10001 --user-group --create-home strikewatch \
    && mkdir /data \
    && chown strikewatch:strikewatch /data

WORKDIR /src
COPY pyproject.toml README.md ./
COPY strikewatch ./strikewatch
COPY producers ./producers
COPY processors ./processors
COPY sinks ./sinks
RUN pip install . && rm -rf /src

WORKDIR /home/strikewatch
USER strikewatch
# The producer's seen-set and other local state; a named volume in docker-compose.yml.
ENV STRIKEWATCH_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 9108 8080

ENTRYPOINT ["strikewatch"]
CMD ["--help"]
