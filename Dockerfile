# kommune in a container (docs/operations.md): built in Rust's image, run from a small
# Debian image as a user without privileges. SQLite by default, in the volume; set
# DATABASE_URL to a postgres:// URL for PostgreSQL.
#
#   docker build -t kommune .
#   docker run -p 8080:8080 -v kommune-data:/var/lib/kommune kommune serve --demo
#
# A named volume takes the folder's owner from the image; a host folder mounted there
# instead must belong to uid 10001 (chown 10001 DIR), or the database cannot be written.

# The exact release rust-toolchain.toml names: with any other, rustup would fetch 1.95.0
# during the build anyway.
FROM rust:1.95.0-bookworm AS build
WORKDIR /src
COPY . .
# The registry and the build cache stay between builds; the binary is copied out of the
# cache, which is not part of the image.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin kommune \
    && cp target/release/kommune /usr/local/bin/kommune

FROM debian:bookworm-slim
# kommune carries its own CA roots and Copenhagen's time-zone rules in the binary; the
# system's are for whatever else an operator runs in the container. The data folder is
# made by hand, not by useradd, so no shell dotfiles land in the volume, and only
# kommune may read the database in it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/kommune \
        --no-create-home --shell /usr/sbin/nologin kommune \
    && install -d -o kommune -g kommune -m 0750 /var/lib/kommune
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
