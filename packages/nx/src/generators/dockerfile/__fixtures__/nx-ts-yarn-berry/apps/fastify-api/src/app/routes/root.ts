import { greeting } from '@ws-berry/greeting';
import type { FastifyInstance } from 'fastify';

export default async function(fastify: FastifyInstance) {
  fastify.get('/', async function() {
    return { message: greeting() };
  });
}
