// A swallowed error is a retry only when it can decide whether the loop goes round; loops that end
// whatever fails (a drained queue, a cursor moved every turn) are no retries either.
import { unboundedPollOrRetry } from '../../../../src/core/analysis/rules/unbounded-poll-or-retry';
import { ruleTester } from './rule-tester';

/** Rewrites each relative href of `content`, logging the ones `new URL` rejects; `flags` of the href regexp. */
const hrefWalk = (flags: string) => `function absolute(content, base) {
  let current;
  while ((current = hrefs.exec(content)) !== null) {
    try {
      const parsed = new URL(current[1], base);
      content = content.slice(0, current.index + 6) + parsed.href + content.slice(current.index + 6 + current[1].length);
    } catch (err) {
      console.warn(err.message);
    }
  }
  return content;
}
const hrefs = /href="([^"]+)"/${flags};
absolute('', 'http://x');
`;

/** Syncs each version of a local queue while yielding; `onError` is what the catch does. */
const syncAll = (onError: string) => `function* syncAll(versions, syncOne, log) {
  const missing = versions.slice();
  while (missing.length) {
    const v = missing.shift();
    try {
      yield* syncOne(v);
    } catch (err) {
      ${onError}
    }
  }
}
syncAll([], function* () {}, console.log).next();
`;

ruleTester(unboundedPollOrRetry, {
  valid: [
    {
      name: 'a local queue drained while yielding: a failed item is logged and the next one taken',
      code: syncAll('log(err);'),
    },
    {
      name: 'a parse error is ignored, the loop reads the next line either way',
      code: `function f(next) {
  const rows = [];
  let bad = 0;
  let line;
  while ((line = next()) !== null) {
    try {
      rows.push(JSON.parse(line));
    } catch (e) {
      bad++;
    }
  }
  return rows;
}
f(() => null);
`,
    },
    {
      name: 'a queue drained on every turn, whatever the handler throws',
      code: `function handle(job) {
  if (!job.ok) throw new Error('bad job');
}
function f(q) {
  while (q.length > 0) {
    const job = q.shift();
    try {
      handle(job);
    } catch (e) {
      console.warn(e);
    }
  }
}
f([]);
`,
    },
    {
      name: 'a cursor moved on every turn, after the try',
      code: `function f(s) {
  const st = { pos: 0 };
  const out = [];
  while (st.pos < s.length) {
    try {
      out.push(JSON.parse(s[st.pos]));
    } catch (e) {
      console.warn(e);
    }
    st.pos++;
  }
  return out;
}
f(['1']);
`,
    },
    {
      name: 'a global regexp walk logs a bad match and goes on to the next one (the test moves lastIndex)',
      code: hrefWalk('g'),
    },
  ],
  invalid: [
    {
      name: 'a failed item is put back on the local queue: it is retried forever',
      code: syncAll('log(err);\n      missing.push(v);'),
      lines: [3],
    },
    {
      name: 'a step retried until it reports done: a failed turn changes nothing the test reads',
      code: `async function run(step, log) {
  let done = false;
  while (!done) {
    try {
      done = await step();
    } catch (e) {
      log(e);
    }
  }
}
run(async () => true, console.log);
`,
      lines: [3],
    },
    {
      name: 'the same walk without the g flag: every exec starts over, a failing match is met again',
      code: hrefWalk(''),
      lines: [3],
    },
    {
      name: 'the walk whose catch sets lastIndex back: the failing match is met again forever',
      code: `function absolute(content, base) {
  let current;
  while ((current = hrefs.exec(content)) !== null) {
    try {
      const parsed = new URL(current[1], base);
      content = content.slice(0, current.index + 6) + parsed.href + content.slice(current.index + 6 + current[1].length);
    } catch (err) {
      hrefs.lastIndex = 0;
    }
  }
  return content;
}
const hrefs = /href="([^"]+)"/g;
absolute('', 'http://x');
`,
      lines: [3],
    },
    {
      name: 'the catch skips the cursor step',
      code: `function f(s) {
  const st = { pos: 0 };
  const out = [];
  while (st.pos < s.length) {
    try {
      out.push(JSON.parse(s[st.pos]));
    } catch (e) {
      continue;
    }
    st.pos++;
  }
  return out;
}
f(['1']);
`,
      lines: [4],
    },
    {
      name: 'the cursor step is in the try, after what throws',
      code: `function f(s) {
  const st = { pos: 0 };
  const out = [];
  while (st.pos < s.length) {
    try {
      out.push(JSON.parse(s[st.pos]));
      st.pos++;
    } catch (e) {
      console.warn(e);
    }
  }
  return out;
}
f(['1']);
`,
      lines: [4],
    },
    {
      name: 'the queue is shifted only when the handler succeeds',
      code: `function handle(job) {
  if (!job.ok) throw new Error('bad job');
}
function f(q) {
  while (q.length > 0) {
    try {
      handle(q[0]);
      q.shift();
    } catch (e) {
      console.warn(e);
    }
  }
}
f([]);
`,
      lines: [5],
    },
    {
      name: 'the try sets the flag the loop tests: a bad text is parsed again forever',
      code: `function f(text) {
  let ok = false;
  let value;
  while (!ok) {
    try {
      value = JSON.parse(text);
      ok = true;
    } catch (e) {
      console.warn(e);
    }
  }
  return value;
}
f('1');
`,
      lines: [4],
    },
    {
      name: 'the next item comes from a call the failing work may stop',
      code: `async function f(store) {
  while ((await store.pending()) > 0) {
    try {
      await store.processNext();
    } catch (e) {
      console.warn(e);
    }
  }
}
f({});
`,
      lines: [2],
    },
  ],
});
