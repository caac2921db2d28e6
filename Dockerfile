# kommune in a container (docs/operations.md): built in Rust's image, run from a small
# Debian image as a user without privileges. SQLite by default, in the volume; set
# DATABASE_URL to a postgres:// URL for PostgreSQL.
#
#   docker build -t kommune .
#   docker run -p 8080:8080 -v kommune-data:/var/lib/kommune kommune serve --demo

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
# The registry and the build cache stay between builds; the binary is copied out of the
# cache, which is not part of the image.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin kommune \
    && cp target/release/kommune /usr/local/bin/kommune

FROM debian:bookworm-slim
# CA certificates for feeds fetched over https; time zones for Copenhagen time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/kommune --create-home kommune
COPY --from=build /usr/local/bin/kommune /usr/local/bin/kommune
USER kommune
WORKDIR /var/lib/kommune
VOLUME /var/lib/kommune
ENV DATABASE_URL=sqlite:///var/lib/kommune/kommune.db \
    KOMMUNE_ADDR=0.0.0.0:8080
EXPOSE 8080
# The orchestrator probes GET /ready over HTTP (the image has no HTTP client to do it).
ENTRYPOINT ["kommune"]
CMD ["serve"]
