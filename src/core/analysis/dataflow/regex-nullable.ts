// Whether a regular expression's pattern can match the empty string somewhere: an alternative made
// only of assertions (`^`, `$`, `\b`, lookarounds), back-references, optional parts (`?`, `*`, `{0,n}`)
// or groups that can. A pattern this reader does not follow counts as one that can.
export function mayMatchEmpty(pattern: string): boolean {
  const r = new Reader(pattern);
  const nullable = r.alternatives();
  return r.failed || r.pos !== pattern.length || nullable;
}

class Reader {
  pos = 0;
  failed = false;
  constructor(private readonly s: string) {}

  /** alt ('|' alt)*: nullable when any alternative is. */
  alternatives(): boolean {
    let nullable = this.sequence();
    while (!this.failed && this.s[this.pos] === '|') {
      this.pos++;
      if (this.sequence()) nullable = true;
    }
    return nullable;
  }

  /** term*: nullable when every term is. */
  private sequence(): boolean {
    let nullable = true;
    while (!this.failed && this.pos < this.s.length && this.s[this.pos] !== '|' && this.s[this.pos] !== ')') {
      const atom = this.atom();
      const min = this.quantifierMin();
      if (!(atom || min === 0)) nullable = false;
    }
    return nullable;
  }

  /** One atom; true when it can match empty. */
  private atom(): boolean {
    const c = this.s[this.pos++];
    if (c === '^' || c === '$') return true;
    if (c === '.') return false;
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    if (c === '(') {
      let lookaround = false;
      if (this.s[this.pos] === '?') {
        const rest = this.s.slice(this.pos + 1);
        if (rest.startsWith(':')) this.pos += 2;
        else if (rest.startsWith('=') || rest.startsWith('!')) (this.pos += 2), (lookaround = true);
        else if (rest.startsWith('<=') || rest.startsWith('<!')) (this.pos += 3), (lookaround = true);
        else if (rest.startsWith('<')) {
          const end = this.s.indexOf('>', this.pos);
          if (end < 0) return this.fail();
          this.pos = end + 1;
        } else return this.fail();
      }
      const inner = this.alternatives();
      if (this.s[this.pos] !== ')') return this.fail();
      this.pos++;
      return lookaround || inner;
    }
    if (c === ')' || c === '*' || c === '+' || c === '?' || c === '{' && /^\d/.test(this.s[this.pos] ?? '')) return this.fail();
    return false;
  }

  /** After `\`: assertions and back-references match empty; other escapes match a character. */
  private escape(): boolean {
    const c = this.s[this.pos++];
    if (c === undefined) return this.fail();
    if (c === 'b' || c === 'B') return true;
    // A back-reference (`\12`, `\k<name>`) matches empty when its group did.
    if (c >= '1' && c <= '9') {
      while (/\d/.test(this.s[this.pos] ?? '')) this.pos++;
      return true;
    }
    if (c === 'k' && this.s[this.pos] === '<') {
      const end = this.s.indexOf('>', this.pos);
      if (end < 0) return this.fail();
      this.pos = end + 1;
      return true;
    }
    if (c === 'u' && this.s[this.pos] === '{') {
      const end = this.s.indexOf('}', this.pos);
      if (end < 0) return this.fail();
      this.pos = end + 1;
    } else if (c === 'u') this.pos += 4;
    else if (c === 'x') this.pos += 2;
    else if (c === 'c') this.pos += 1;
    else if ((c === 'p' || c === 'P') && this.s[this.pos] === '{') {
      const end = this.s.indexOf('}', this.pos);
      if (end < 0) return this.fail();
      this.pos = end + 1;
    }
    return false;
  }

  /** `[…]` matches one character (`[]` matches none, which is not empty either). */
  private charClass(): boolean {
    while (this.pos < this.s.length && this.s[this.pos] !== ']') {
      if (this.s[this.pos] === '\\') this.pos++;
      this.pos++;
    }
    if (this.s[this.pos] !== ']') return this.fail();
    this.pos++;
    return false;
  }

  /** The least repeat count of a quantifier after an atom (1 without one). */
  private quantifierMin(): number {
    const c = this.s[this.pos];
    let min = 1;
    if (c === '*' || c === '?') (min = 0), this.pos++;
    else if (c === '+') this.pos++;
    else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.s.slice(this.pos));
      if (!m) return 1;
      min = Number(m[1]);
      this.pos += m[0].length;
    } else return 1;
    if (this.s[this.pos] === '?') this.pos++;
    return min;
  }

  private fail(): true {
    this.failed = true;
    return true;
  }
}
