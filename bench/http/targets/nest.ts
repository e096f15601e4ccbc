/**
 * NestJS 12 on its Fastify adapter — bare, and doing the work ts-doudou does by default ("defaults"):
 * X-Request-Id taken from the request or generated and sent back, one access line per request through
 * Nest's Logger (its ConsoleLogger, to stdout), a prom-client counter and latency histogram by route
 * template, and the same parameter parsing (ParseIntPipe with a minimum, an optional ParseBoolPipe).
 * The default work is done in Fastify hooks, the cheapest place Nest offers (an interceptor would not see
 * errors' statuses and costs an RxJS pipeline per request).
 */
import 'reflect-metadata';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Logger,
  Module,
  Param,
  ParseBoolPipe,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Counter, Histogram, Registry } from 'prom-client';
import { HELLO, benchUser, type BenchUser } from '../shapes';
import type { RunningTarget } from './running-target';

@Controller()
class BenchController {
  @Get('hello')
  hello(): typeof HELLO {
    return HELLO;
  }

  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: Record<string, unknown>): Record<string, unknown> {
    return body;
  }

  @Get('users/:id')
  user(@Param('id', ParseIntPipe) id: number, @Query('verbose', new ParseBoolPipe({ optional: true })) verbose?: boolean): BenchUser {
    if (id < 1) throw new BadRequestException('id must be at least 1');
    return benchUser(id, verbose === true);
  }
}

@Module({ controllers: [BenchController] })
class BenchModule {}

const ACCEPTABLE_ID = /^[\x21-\x7e]{1,128}$/;

/** The default work, as Fastify hooks on Nest's Fastify instance. */
function addDefaultWork(app: NestFastifyApplication): void {
  const registry = new Registry();
  const requests = new Counter({
    name: 'http_request_count',
    help: 'requests',
    labelNames: ['path', 'method', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_response_time_seconds',
    help: 'latency',
    labelNames: ['path', 'method'],
    registers: [registry],
  });
  const logger = new Logger('HTTP');
  const started = Symbol('started');
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    (request as unknown as Record<symbol, number>)[started] = performance.now();
    reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const seconds = (performance.now() - (request as unknown as Record<symbol, number>)[started]!) / 1000;
    const path = request.routeOptions.url ?? 'unmatched';
    requests.inc({ path, method: request.method, status: String(reply.statusCode) });
    latency.observe({ path, method: request.method }, seconds);
    logger.log(`${request.method} ${path} ${reply.statusCode} ${(seconds * 1000).toFixed(2)}ms ${request.id}`);
    done();
  });
}

export async function startNest(options: { defaults: boolean }): Promise<RunningTarget> {
  const adapter = new FastifyAdapter(
    options.defaults
      ? {
          genReqId: (req: IncomingMessage) => {
            const incoming = req.headers['x-request-id'];
            return typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
          },
        }
      : {},
  );
  const app = await NestFactory.create<NestFastifyApplication>(BenchModule, adapter, { logger: options.defaults ? undefined : false });
  if (options.defaults) addDefaultWork(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { port: address.port, close: () => app.close() };
}
