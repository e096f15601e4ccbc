# Builds and runs the sample service. Multi-stage: compile with dev dependencies, ship only runtime ones.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build lib/, which is copied only below; the tsc step builds instead.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY lib ./lib
COPY sample ./sample
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production GDD_ENV=prod GDD_PORT=6060
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# 6060: HTTP; 7946: gossip (UDP and TCP) in micro mode.
EXPOSE 6060 7946/tcp 7946/udp
USER node
# One container = one process: both sample services in monolith mode. For micro mode run
# dist/sample/usersvc/main.js or dist/sample/ordersvc/main.js with GDD_MODE=micro and GDD_MEM_SEED.
CMD ["node", "dist/sample/monolith.js"]
