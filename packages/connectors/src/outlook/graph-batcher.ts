import { GRAPH_BATCH_LIMIT, type GraphAnswer, type GraphClient, type GraphRequest } from './graph-client';

/** A request of one mailbox, to send inside a `$batch`. */
export interface MailboxRequest extends GraphRequest {
  /** The mailbox (user id) the request reads: Graph allows few concurrent requests per mailbox. */
  mailbox: string;
}

/** What the batcher needs of the Graph client. */
export type BatchingGraph = Pick<GraphClient, 'batch' | 'noteThrottle'>;

export interface GraphBatcherOptions {
  graph: BatchingGraph;
  /** Requests of one mailbox in one `$batch` (Graph allows 4 in flight per mailbox). */
  perMailbox: number;
  /** Requests per `$batch`. Default (and at most) Graph's 20. */
  limit?: number;
}

interface Waiting {
  request: MailboxRequest;
  resolve(answer: GraphAnswer): void;
  reject(err: unknown): void;
}

/**
 * Gathers the Graph requests that callers issue at about the same time (the mailbox streams' passes,
 * run concurrently) into `$batch` requests: what is asked in the same tick, and whatever was asked
 * while the previous `$batch` was out, goes in the next one — up to 20 requests, at most `perMailbox`
 * of one mailbox, oldest first. One `$batch` is out at a time. Each caller gets its own item's answer
 * (any status); items answered 429/503 are not handed back: the batcher records the longest
 * `Retry-After` in the shared budget, waits it out (`noteThrottle`) and sends them again first. A
 * `$batch` that fails as a whole rejects the callers it carried.
 *
 * @example const answer = await batcher.get({ url: link, mailbox: user.id, headers: { Prefer } });
 */
export class GraphBatcher {
  private readonly queue: Waiting[] = [];
  private readonly limit: number;
  private sending = false;
  private scheduled = false;

  constructor(private readonly options: GraphBatcherOptions) {
    this.limit = Math.min(GRAPH_BATCH_LIMIT, Math.max(1, options.limit ?? GRAPH_BATCH_LIMIT));
  }

  /** Sends `request` in the next `$batch` with room for its mailbox; resolves with its answer. */
  get(request: MailboxRequest): Promise<GraphAnswer> {
    return new Promise<GraphAnswer>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Sends the next `$batch` once the current tick's requests are queued (none while one is out). */
  private schedule(): void {
    if (this.sending || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.send();
    });
  }

  private take(): Waiting[] {
    const round: Waiting[] = [];
    const perMailbox = new Map<string, number>();
    for (let i = 0; i < this.queue.length && round.length < this.limit; ) {
      const w = this.queue[i] as Waiting;
      const n = perMailbox.get(w.request.mailbox) ?? 0;
      if (n >= this.options.perMailbox) {
        i++;
        continue;
      }
      perMailbox.set(w.request.mailbox, n + 1);
      round.push(w);
      this.queue.splice(i, 1);
    }
    return round;
  }

  private async send(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      const round = this.take();
      let answers: GraphAnswer[];
      try {
        answers = await this.options.graph.batch(
          round.map(({ request }) => ({
            url: request.url,
            ...(request.headers ? { headers: request.headers } : {}),
          })),
        );
      } catch (err) {
        for (const w of round) w.reject(err);
        return;
      }
      const again: Waiting[] = [];
      let pause: GraphAnswer | null = null;
      for (const [i, w] of round.entries()) {
        const answer = answers[i] as GraphAnswer;
        if (answer.status === 429 || answer.status === 503) {
          again.push(w);
          if (!pause || retryAfter(answer) > retryAfter(pause)) pause = answer;
        } else {
          w.resolve(answer);
        }
      }
      if (pause) {
        this.queue.unshift(...again);
        try {
          await this.options.graph.noteThrottle(pause, '$batch item');
        } catch (err) {
          // Stopped while waiting: the throttled requests are not sent again.
          for (const w of again) this.queue.splice(this.queue.indexOf(w), 1);
          for (const w of again) w.reject(err);
        }
      }
    } finally {
      this.sending = false;
      this.schedule();
    }
  }
}

function retryAfter(answer: GraphAnswer): number {
  const n = Number(answer.headers['retry-after']);
  return Number.isFinite(n) ? n : 0;
}
