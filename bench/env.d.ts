// The server augments Fastify's types with @fastify/cookie where it registers the plugin
// (http/app.ts), which bench does not import; bring the augmentation in for type-checking.
import '@fastify/cookie';
