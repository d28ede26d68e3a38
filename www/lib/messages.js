// Words for every diagnostic code the core reports, in English and Japanese.
// Placeholders: {field} {type} {detail}. A [bracketed part] is left out when
// a placeholder inside it is empty. tests/js/cli.test.mjs checks that
// both languages cover every code the core knows.

export const messages = {
  en: {
    severity: { error: 'error', warning: 'warning' },
    recordStarts: 'record starts at line {line}',
    codes: {
      'unterminated-quote': 'unterminated quoted string',
      'unbalanced-paren': "')' without a matching '('",
      'unclosed-paren': "'(' is never closed",
      'bad-escape': 'invalid escape sequence[ in {field}][ of {type}]',
      'missing-owner': 'the owner name is left out, but no record comes before it',
      'missing-ttl': 'no TTL: write one on the record or set $TTL[ ({type})]',
      'bad-ttl': 'invalid TTL[ in {type}]',
      'ttl-too-large': 'TTL above 2147483647 is treated as 0 (RFC 2181 §8)',
      'unknown-type': 'unknown record type',
      'unknown-class': 'unknown class',
      'missing-field': 'missing {field}[ in {type}]',
      'extra-field': 'unexpected data after the end of the record[ ({type})]',
      'bad-number': 'invalid {field}[ in {type}]',
      'number-overflow': '{field} out of range[ in {type}]',
      'bad-name': 'invalid domain name[ in {field}][ of {type}]',
      'label-too-long': 'label longer than 63 octets[ in {field}][ of {type}]',
      'name-too-long': 'domain name longer than 255 octets[ in {field}][ of {type}]',
      'missing-origin': 'relative name but no origin is known: pass --origin or add $ORIGIN[ ({field})]',
      'bad-ipv4': 'invalid IPv4 address[ in {type}]',
      'bad-ipv6': 'invalid IPv6 address[ in {type}]',
      'string-too-long': 'string longer than 255 octets[ in {type}]',
      'bad-base64': 'invalid base64[ in {field}][ of {type}]',
      'bad-hex': 'invalid hexadecimal[ in {field}][ of {type}]',
      'bad-generic': 'invalid RFC 3597 data (\\# length hex)[ for {type}]',
      'bad-time': 'invalid time (YYYYMMDDHHmmSS)[ in {field}][ of {type}]',
      'bad-loc': 'invalid location[ in {type}]',
      'bad-svcparam': 'invalid service parameter[ in {type}]',
      'rdata-too-long': 'record data longer than 65535 octets[ in {type}]',
      'bad-directive': 'invalid directive[ {type}]',
      'include-not-found': 'included file not available[: {detail}]',
      'include-depth': '$INCLUDE nested too deep[ (limit {detail})]',
      'bad-generate': 'invalid $GENERATE[ {field}]',
      'generate-limit': '$GENERATE would make too many records[ (limit {detail})]',
      'class-mismatch': 'class differs from the rest of the zone[ ({type})]',
      'bad-cf-tags': 'malformed cf_tags comment; proxy status unknown',
      'input-too-large': 'input larger than the limit[ of {detail} bytes]; the rest is ignored',
      'too-many-records': 'more records than the limit[ of {detail}]; the rest is ignored',
      'too-many-errors': 'too many problems[; only the first {detail} are listed]',
      'json-syntax': 'invalid JSON[: {detail}]',
      'json-record': 'unusable record[ ({field})][ in {type}][: {detail}]',
      'unknown-format': 'input format not recognised',
    },
    session: {
      errors: {
        'bad-domain': 'not a domain name: {detail}',
        'no-domain': 'no domain given, and no zone file names one',
      },
      reasons: {
        timeout: 'the resolver did not answer in time',
        http: 'the resolver answered with an HTTP error',
        network: 'the resolver could not be reached',
        'content-type': 'the resolver answered with something other than DNS',
        'no-question': 'the answer does not say what question it answers',
        'wrong-question': 'the answer is for another question',
        truncated: 'the answer was cut short (TC bit)',
        'server-failure': 'the resolver failed to resolve the name (SERVFAIL)',
        refused: 'the resolver refused the question',
        'other-rcode': 'the resolver answered with an error code',
        malformed: 'the answer is not a well-formed DNS message',
        'malformed-json': 'the JSON answer is not usable',
        budget: 'not asked: a limit of the check was reached',
      },
      purposes: {
        apex: 'the domain itself',
        dmarc: 'DMARC policy',
        'client-name': 'a name mail clients and panels connect to',
        srv: 'mail service discovery (SRV)',
        'mx-target': 'a mail exchanger (MX target)',
        'srv-target': 'the target of a service record',
        spf: 'an SPF policy',
        'spf-term': 'a name an SPF policy refers to',
        dkim: 'a DKIM key',
        policy: 'a mail policy (MTA-STS, TLS reporting, BIMI)',
        tlsa: 'DANE for the mail exchanger (TLSA)',
        ptr: 'reverse DNS of an origin address',
      },
      budgets: {
        questions: 'questions per check',
        rounds: 'rounds of questions',
        'cname-depth': 'CNAME links followed',
        'spf-lookups': 'SPF lookups (RFC 7208 allows 10)',
      },
    },
    rules: {
      'mx-target-proxied': 'Other mail servers cannot deliver: the MX target {name} leads to the proxy',
      'mail-host-proxied': 'Mail apps cannot connect: {name} leads to the proxy, which carries no mail',
      'srv-target-proxied': 'A service record sends clients to the proxy on a port it does not carry: {name}',
      'service-host-proxied': '{name} leads to the proxy, which does not carry its service',
      'mx-companion-record': 'The MX points at a Cloudflare companion record: {name}',
      'mx-target-missing': 'The MX target {name} has no address: mail to the domain bounces',
      'mx-target-cname': 'The MX target {name} is an alias (CNAME); RFC 2181 §10.3 forbids it',
      'mail-host-missing': '{name} has no address: mail apps set up by the hosting panel cannot find the server',
      'proxy-mixed-records': 'Proxied and DNS-only records on {name}: Cloudflare proxies them all',
      'origin-exposed': 'A DNS-only mail record reveals the address behind the proxy: {name}',
    },
    evidence: {
      mx: 'the domain\'s MX points at {to}[ ({file} line {line})]',
      srv: 'a service record points at {to}[ ({file} line {line})]',
      cname: '{from} is an alias (CNAME) of {to}[ ({file} line {line})]',
      address: '{name} has the address {address}[ (proxied: {proxied})][ ({file} line {line})]',
      'proxied-by': 'so {name} is answered by the proxy of {provider}',
      'port-not-proxied': 'the proxy of {provider} does not carry port {port} ({service})',
      'no-address': '{name} has no address',
      'companion-record': '{name} is a record Cloudflare adds when an MX points at a proxied name',
      panel: 'the zone was made by {panel}',
      'zone-differs': 'the uploaded zone gives {name} the route "{route}": it is not what resolvers serve (not imported yet, or not the delegated zone)',
    },
  },
  ja: {
    severity: { error: 'エラー', warning: '警告' },
    recordStarts: 'レコードは {line} 行目から',
    codes: {
      'unterminated-quote': '引用符 " が閉じていません',
      'unbalanced-paren': "対応する '(' のない ')' があります",
      'unclosed-paren': "'(' が閉じられていません",
      'bad-escape': '[{type} の ][{field} の ]エスケープが不正です',
      'missing-owner': 'オーナー名が省略されていますが、前にレコードがありません',
      'missing-ttl': 'TTL がありません: レコードに書くか $TTL を指定してください[ ({type})]',
      'bad-ttl': '[{type} の ]TTL が不正です',
      'ttl-too-large': '2147483647 を超える TTL は 0 として扱われます (RFC 2181 §8)',
      'unknown-type': '不明なレコードタイプです',
      'unknown-class': '不明なクラスです',
      'missing-field': '[{type} の ]{field} がありません',
      'extra-field': 'レコードの末尾に余分なデータがあります[ ({type})]',
      'bad-number': '[{type} の ]{field} が不正です',
      'number-overflow': '[{type} の ]{field} が範囲外です',
      'bad-name': '[{type} の ][{field} の ]ドメイン名が不正です',
      'label-too-long': '[{type} の ][{field} の ]ラベルが 63 オクテットを超えています',
      'name-too-long': '[{type} の ][{field} の ]ドメイン名が 255 オクテットを超えています',
      'missing-origin': '相対名ですがオリジンが不明です: --origin を指定するか $ORIGIN を追加してください[ ({field})]',
      'bad-ipv4': '[{type} の ]IPv4 アドレスが不正です',
      'bad-ipv6': '[{type} の ]IPv6 アドレスが不正です',
      'string-too-long': '[{type} の ]文字列が 255 オクテットを超えています',
      'bad-base64': '[{type} の ][{field} の ]base64 が不正です',
      'bad-hex': '[{type} の ][{field} の ]16 進数が不正です',
      'bad-generic': '[{type} の ]RFC 3597 形式 (\\# 長さ 16進) が不正です',
      'bad-time': '[{type} の ][{field} の ]時刻 (YYYYMMDDHHmmSS) が不正です',
      'bad-loc': '[{type} の ]位置情報が不正です',
      'bad-svcparam': '[{type} の ]サービスパラメータが不正です',
      'rdata-too-long': '[{type} の ]レコードデータが 65535 オクテットを超えています',
      'bad-directive': '[{type} ]ディレクティブが不正です',
      'include-not-found': '取り込むファイルがありません[: {detail}]',
      'include-depth': '$INCLUDE の入れ子が深すぎます[ (上限 {detail})]',
      'bad-generate': '$GENERATE が不正です[ ({field})]',
      'generate-limit': '$GENERATE が作るレコードが多すぎます[ (上限 {detail})]',
      'class-mismatch': 'ゾーンの他のレコードとクラスが異なります[ ({type})]',
      'bad-cf-tags': 'cf_tags コメントの形式が不正です。プロキシ状態は不明とします',
      'input-too-large': '入力が上限[ {detail} バイト]を超えました。残りは無視します',
      'too-many-records': 'レコード数が上限[ {detail}]を超えました。残りは無視します',
      'too-many-errors': '問題が多すぎます[。最初の {detail} 件のみ表示します]',
      'json-syntax': 'JSON が不正です[: {detail}]',
      'json-record': '使えないレコードです[ ({field})][ ({type})][: {detail}]',
      'unknown-format': '入力形式を判別できません',
    },
    session: {
      errors: {
        'bad-domain': 'ドメイン名ではありません: {detail}',
        'no-domain': 'ドメインが指定されておらず、ゾーンファイルからも分かりません',
      },
      reasons: {
        timeout: 'リゾルバが時間内に応答しませんでした',
        http: 'リゾルバが HTTP エラーを返しました',
        network: 'リゾルバに接続できませんでした',
        'content-type': 'リゾルバが DNS 以外の応答を返しました',
        'no-question': '応答に質問部がありません',
        'wrong-question': '別の質問への応答です',
        truncated: '応答が途中で切れています (TC ビット)',
        'server-failure': 'リゾルバが名前を解決できませんでした (SERVFAIL)',
        refused: 'リゾルバが質問を拒否しました',
        'other-rcode': 'リゾルバがエラーコードを返しました',
        malformed: '応答が正しい DNS メッセージではありません',
        'malformed-json': 'JSON 形式の応答が使えません',
        budget: '未実施: チェックの上限に達しました',
      },
      purposes: {
        apex: 'ドメインそのもの',
        dmarc: 'DMARC ポリシー',
        'client-name': 'メールソフトや管理画面が接続する名前',
        srv: 'メールサービスの自動検出 (SRV)',
        'mx-target': 'メールサーバー (MX の宛先)',
        'srv-target': 'サービスレコードの宛先',
        spf: 'SPF ポリシー',
        'spf-term': 'SPF ポリシーが参照する名前',
        dkim: 'DKIM 公開鍵',
        policy: 'メールのポリシー (MTA-STS、TLS レポート、BIMI)',
        tlsa: 'メールサーバーの DANE (TLSA)',
        ptr: 'オリジンのアドレスの逆引き',
      },
      budgets: {
        questions: '1 回のチェックでの質問数',
        rounds: '質問のラウンド数',
        'cname-depth': 'たどる CNAME の数',
        'spf-lookups': 'SPF の DNS 参照回数 (RFC 7208 の上限は 10)',
      },
    },
    rules: {
      'mx-target-proxied': '他のメールサーバーから配送できません: MX の宛先 {name} がプロキシに向いています',
      'mail-host-proxied': 'メールソフトが接続できません: {name} がメールを通さないプロキシに向いています',
      'srv-target-proxied': 'サービスレコードが、プロキシの通さないポートでプロキシに向いています: {name}',
      'service-host-proxied': '{name} がそのサービスを通さないプロキシに向いています',
      'mx-companion-record': 'MX が Cloudflare の補助レコードを指しています: {name}',
      'mx-target-missing': 'MX の宛先 {name} にアドレスがありません: ドメイン宛てのメールは戻されます',
      'mx-target-cname': 'MX の宛先 {name} が別名 (CNAME) です。RFC 2181 §10.3 で禁止されています',
      'mail-host-missing': '{name} にアドレスがありません: 管理パネルで設定したメールソフトがサーバーを見つけられません',
      'proxy-mixed-records': '{name} にプロキシありとなし (DNS のみ) のレコードが混在しています: Cloudflare はすべてプロキシします',
      'origin-exposed': 'DNS のみのメール用レコードがプロキシの裏のアドレスを明かしています: {name}',
    },
    evidence: {
      mx: 'ドメインの MX が {to} を指しています[ ({file} {line} 行目)]',
      srv: 'サービスレコードが {to} を指しています[ ({file} {line} 行目)]',
      cname: '{from} は {to} の別名 (CNAME) です[ ({file} {line} 行目)]',
      address: '{name} のアドレスは {address} です[ (プロキシ: {proxied})][ ({file} {line} 行目)]',
      'proxied-by': 'そのため {name} には {provider} のプロキシが応答します',
      'port-not-proxied': '{provider} のプロキシはポート {port} ({service}) を通しません',
      'no-address': '{name} にはアドレスがありません',
      'companion-record': '{name} は、MX がプロキシ対象の名前を指したときに Cloudflare が追加するレコードです',
      panel: 'このゾーンは {panel} が作成したものです',
      'zone-differs': 'アップロードされたゾーンでは {name} の経路は「{route}」です: リゾルバが返す内容と異なります (未反映か、委任先のゾーンではありません)',
    },
  },
};

export const languages = Object.keys(messages);

// The words for a session-level code: kind is errors, reasons, purposes or
// budgets; `reason` strings such as "timeout: no answer" are keyed by the
// part before the first colon.
export function sessionMessage(kind, code, lang = 'en', detail = '') {
  const key = kind === 'reasons' ? String(code).split(':')[0] : code;
  const cat = (messages[lang] || messages.en).session[kind];
  return fill(cat?.[key] ?? messages.en.session[kind]?.[key] ?? String(code), { detail });
}

// The headline of a finding ({rule, names}) and its evidence steps, in words.
export function findingMessage(f, lang = 'en') {
  const cat = messages[lang] || messages.en;
  const template = cat.rules[f.rule] ?? messages.en.rules[f.rule] ?? f.rule;
  return fill(template, { name: f.names?.[0] ?? '' });
}

export function evidenceMessage(step, lang = 'en') {
  const cat = messages[lang] || messages.en;
  const template = cat.evidence[step.code] ?? messages.en.evidence[step.code] ?? step.code;
  return fill(template, step.params ?? {});
}

// Picks "ja" or "en" from a locale string such as "ja_JP.UTF-8" or "en-US".
export function pickLanguage(locale) {
  const tag = String(locale || '').toLowerCase();
  return tag.startsWith('ja') ? 'ja' : 'en';
}

function fill(template, values) {
  const dropped = template.replace(/\[([^\]]*)\]/g, (_, part) => {
    const names = [...part.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    return names.every((n) => values[n] !== undefined && values[n] !== '') ? part : '';
  });
  return dropped.replace(/\{(\w+)\}/g, (_, n) => (values[n] === undefined ? '' : String(values[n])));
}

// The message of one diagnostic (as the core's JSON gives it), without position.
export function diagnosticMessage(d, lang = 'en') {
  const cat = messages[lang] || messages.en;
  const template = cat.codes[d.code] || messages.en.codes[d.code] || d.code;
  return fill(template, { field: d.field, type: d.type, detail: d.detail });
}

// "file:line:col: error: message: "token" [code] (record starts at line N)"
export function formatDiagnostic(d, files, lang = 'en') {
  const cat = messages[lang] || messages.en;
  const file = files[d.file] ?? '?';
  const where = d.line ? `${file}:${d.line}:${d.column}` : file;
  let text = `${where}: ${cat.severity[d.severity]}: ${diagnosticMessage(d, lang)}`;
  if (d.token !== undefined && d.token !== '') text += `: ${JSON.stringify(d.token)}`;
  text += ` [${d.code}]`;
  if (d.recordLine && d.line && d.recordLine !== d.line) {
    text += ` (${fill(cat.recordStarts, { line: d.recordLine })})`;
  }
  return text;
}
