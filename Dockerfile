# pushpull's services in one image: `docker build -t pushpull .`, then `docker run pushpull serve --only classifier`
# (docker-compose.yml runs the four services from it). Two stages:
#   build    the whole workspace with dev dependencies; `npm ci` runs `npm run build` (its prepare step),
#            then `npm pack` makes the same tarball users install with `npm install -g`.
#   runtime  Node and that tarball installed with its production dependencies only: the compiled code, the
#            classifier's weights and the dashboard's web assets; no sources, no tsx, no test code. Non-root.
# test/dockerfile.test.ts checks these stages against what `npm run build` and `npm pack` produce.

FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm pack -w @pushpull/cli --pack-destination /pack \
 && mv /pack/pushpull-cli-*.tgz /pack/pushpull-cli.tgz

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
COPY --from=build /pack/pushpull-cli.tgz /tmp/pushpull-cli.tgz
RUN npm install -g --omit=dev --no-audit --no-fund /tmp/pushpull-cli.tgz \
 && rm /tmp/pushpull-cli.tgz \
 && npm cache clean --force
USER node
WORKDIR /home/node
# Embedded mode keeps its data here; with DATABASE_URL/KAFKA_BROKERS/REDIS_URL set, nothing is kept in the container.
ENV PUSHPULL_DATA_DIR=/home/node/.pushpull
EXPOSE 3000
ENTRYPOINT ["pushpull"]
CMD ["start"]
