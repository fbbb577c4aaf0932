// The required fields of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), as a zod schema.
// Written from the spec, not from our exporter, so an export that drops a required field fails.
import * as z from 'zod';

const nameValue = z.object({ name: z.string(), value: z.string() });

export const harSchema = z.object({
  log: z.object({
    version: z.literal('1.2'),
    creator: z.object({ name: z.string(), version: z.string() }),
    entries: z.array(
      z.object({
        startedDateTime: z.iso.datetime({ offset: true }),
        time: z.number().nonnegative(),
        request: z.object({
          method: z.string(),
          url: z.url(),
          httpVersion: z.string(),
          cookies: z.array(nameValue),
          headers: z.array(nameValue),
          queryString: z.array(nameValue),
          postData: z.object({ mimeType: z.string(), text: z.string() }).optional(),
          headersSize: z.number().int(),
          bodySize: z.number().int(),
        }),
        response: z.object({
          status: z.number().int(),
          statusText: z.string(),
          httpVersion: z.string(),
          cookies: z.array(nameValue),
          headers: z.array(nameValue),
          content: z.object({ size: z.number().int(), mimeType: z.string() }),
          redirectURL: z.string(),
          headersSize: z.number().int(),
          bodySize: z.number().int(),
        }),
        cache: z.object({}),
        timings: z.object({ send: z.number(), wait: z.number(), receive: z.number() }),
      }),
    ),
  }),
});
export type Har = z.infer<typeof harSchema>;
