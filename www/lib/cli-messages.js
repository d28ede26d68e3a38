// The command line's own words, in English and Japanese: usage texts, usage
// errors and resolver errors. The words of findings, reports and
// diagnostics are in messages.js. tests/js/cli-messages.test.mjs holds both
// languages to the same keys and placeholders.
import { pickLanguage } from './messages.js';
import { displayText } from './name-safety.js';
import { fillTemplate, lookup } from './catalogue.js';

export const cliMessages = {
  en: {
    usage: `usage: mxray <command> [options] FILE...

commands:
  dump      print every record, one per line: owner TTL class type rdata
  facts     ask DNS over HTTPS what the world sees of the domain's mail and
            print the facts as JSON (names from --zone files are asked too):
            mxray facts [options] --domain NAME, or mxray facts [options] DOMAIN
  check     find what breaks the domain's mail and write the fix:
            mxray check DOMAIN, or mxray check --zone FILE (mxray check --help for its options)
  verify    whether the world sees a fix yet: the name servers and public resolvers asked
            (mxray verify --help for its options)

options:
  --origin NAME   origin for relative names (default: from the file)
  --generic       print RDATA in RFC 3597 form (\\# LEN HEX)
  --format F      input format: {formats} (default: auto)
  --lang L        message language: en, ja (default: from LANG)
  --domain NAME   (facts) the domain (default: the zone's apex); a bare DOMAIN is the same
  --zone FILE     (facts) a zone export of the domain; may repeat
  --resolver R    (facts) cloudflare, google, or an https:// DoH URL (default: cloudflare)
  --doh-format F  (facts) wire or json (default: wire)
  --timeout MS    (facts) per-question timeout (default: 5000)
  --offline       (facts) ask nothing; only what the zone files say
  --include-root DIR  $INCLUDE may read files under DIR (default: only under the zone file's folder)
  --ask-ptr       (facts) ask the PTR of the mail server's address: that tells the resolver the address
  --no-padding    (facts) send DNS queries unpadded (default: padded to 128 octets, RFC 8467)
  -h, --help      this text
  --version       the version

exit status: 0 clean, 1 some record was rejected or some DNS fact is unknown,
             2 usage, file or resolver error`,
    checkUsage: `usage: mxray check [--zone FILE]... [--domain NAME | DOMAIN] [options]
       mxray check --zone-dir DIR [--live] [options]

  --zone FILE      a zone export of the domain (BIND, Cloudflare export, API JSON); may repeat; - is stdin
  --domain NAME    the domain (a bare DOMAIN is the same); without --offline its live DNS is asked
                   (default: the zone's apex)
  --zone-dir DIR   check every zone file of DIR, one summary line each (cPanel: /var/named)
  --offline        ask no DNS (the default with zones only, and with --zone-dir)
  --live           (--zone-dir) ask live DNS for each zone's domain too
  --resolver R     cloudflare, google, or an https:// DoH URL (default: cloudflare)
  --timeout MS     per-question timeout (default: 5000)
  --origin ADDR    the mail server's address: fills the fix's {origin-ipv4}/{origin-ipv6}
  --panel P        {panels} (default: auto)
  --format F       {formats}
                   (--zone-dir: text or jsonl; default: text)
  --lang L         en, ja (default: from LANG)
  --fail-on S      {severities}: the least severity that makes the exit status 1 (default: critical)
  --include-root DIR  (--zone) $INCLUDE may read files under DIR (default: only under the zone file's folder;
                   --zone-dir: only under DIR)
  --ask-ptr        ask the PTR of the mail server's address: that tells the resolver the address
  --no-padding     send DNS queries unpadded (default: padded to 128 octets, RFC 8467)
  --probe          (live) connect to each mail name's addresses at the mail ports: greeting, STARTTLS,
                   certificate (sends no credentials and no mail)
  --probe-timeout MS  (--probe) the limit of each step of a connection (default: 5000)
  --rule-url URL   (markdown, sarif) link each finding to its rule's page at URL, where {rule} stands
                   for the rule id and {lang} for en or ja: https://…/rules/{lang}/{rule}.html

exit status: 0 nothing at or above --fail-on, 1 something was found, 2 usage error or unreadable input,
             3 nothing at or above --fail-on but the check could not tell (with --zone-dir: some zone)`,
    errors: {
      'needs-value': '{flag} needs a value',
      'unknown-option': 'unknown option: {value}',
      'unknown-command': 'unknown command: {value}',
      'unknown-format': 'unknown format: {value}',
      'unknown-language': 'unknown language: {value}',
      'unknown-doh-format': 'unknown DoH format: {value} (use wire or json)',
      'unknown-panel': 'unknown panel: {value}',
      'bad-timeout': '--timeout takes milliseconds between 100 and 120000: {value}',
      'bad-fail-on': '--fail-on takes {severities}: {value}',
      'unexpected-argument': 'unexpected argument: {value} (zone files go after --zone, the domain after --domain)',
      'zone-dir-alone': '--zone-dir takes neither --zone nor --domain',
      'include-root-zone-dir': '--include-root goes with --zone: --zone-dir reads $INCLUDE files only from its own folder',
      'zone-dir-format': '--zone-dir prints text or jsonl, not {value}',
      'live-and-offline': '--live and --offline together',
      'live-without-zone-dir': '--live goes with --zone-dir (a --domain is checked live unless --offline)',
      'check-needs-input': 'check needs a --zone FILE, a --domain NAME, or --zone-dir DIR',
      'check-one-domain': 'check takes one domain (--domain NAME or DOMAIN): {value}',
      'argument-is-file': '{value} is a file: to check it, give it with --zone {value} (a folder of zone files with --zone-dir)',
      'offline-needs-zone': '--offline needs a --zone FILE',
      'dump-needs-file': 'dump needs at least one FILE',
      'facts-one-domain': 'facts takes one domain: --domain NAME or DOMAIN',
      'facts-needs-input': 'facts needs a --domain NAME (or DOMAIN) or a --zone FILE',
      'not-built': 'the wasm core is not built ({file}); run `make build` first',
      'probe-needs-live': '--probe needs a live check: a --domain NAME without --offline and without --zone-dir',
      'bad-probe-timeout': '--probe-timeout takes milliseconds between 100 and 60000: {value}',
      'bad-rule-url': '--rule-url takes an http or https address with {rule} in it, such as https://example.org/rules/{lang}/{rule}.html: {value}',
    },
    notes: {
      'nothing-to-import': 'the fix adds no record, so there is no Cloudflare import file (it holds only the records to add)',
      'no-records': '{file} was read whole, and holds no record',
    },
    // The verdict's state on a --zone-dir line (core/report/verdict.h): a word
    // or two, where a single check says a sentence (messages.js report.verdict).
    batchVerdict: {
      broken: 'broken',
      'at-risk': 'at risk',
      fine: 'fine',
      'could-not-tell': 'could not tell',
    },
    resolver: {
      'bad-doh-format': 'unknown DoH format "{value}" (use "wire" or "json")',
      'no-endpoint': 'resolver {value} has no {format} endpoint',
      'bad-spec': 'resolver must be a preset name or an https URL',
      'unknown-resolver': 'unknown resolver "{value}": use {presets} or an https URL',
      'not-a-url': 'resolver URL is not a URL: {value}',
      'not-https': 'resolver URL must be https (RFC 8484): {value}',
    },    // Asking name servers directly (facts --server, --authoritative; www/cli/dns-transport.mjs).
    server: {
      usage: `name servers asked directly (facts), over UDP with TCP when an answer is truncated:
  --server HOST[:PORT]  ask this name server as authoritative (RD off, AA checked) instead of DoH; may repeat
  --authoritative       ask each of the domain's name servers (their NS and addresses from the resolver)`,
      'bad-server': '--server takes HOST, HOST:PORT or [IPV6]:PORT: {value}',
      'no-address': 'no address found for the name server {value}',
      'no-ns': 'the resolver gave no name server for {value}',
      'server-or-resolver': '--server and --authoritative go without --doh-format json',
    },
    // Terraform inputs (www/lib/as-code/terraform.js): {resource} is an address such as cloudflare_record.mail.
    terraform: {
      warning: 'warning: {resource} is left out of the check: its {attribute} is {value}, which Terraform fills in when it runs, so mxray does not know it',
      'state-no-patch': '{file} is Terraform state (terraform show -json), not configuration: there is no patch of it. Make the changes of the plan in the .tf file that declares each resource',
      errors: {
        'no-domain': '{file}: the domain of the zone is not in the file (the zone_id is an id or a variable): give it with --domain (and --offline to ask no DNS)',
        syntax: '{file}:{line}:{column}: not valid Terraform: {detail}',
        'no-parser': '{file}: a Terraform file needs the HCL parser, which this build of mxray does not have',
        'not-terraform': '{file}: not a Terraform file with Cloudflare DNS records',
      },
      // A plan's show -json (www/lib/as-code/terraform.js): the same, for a plan.
      'plan-no-patch': '{file} is a Terraform plan (terraform show -json), not configuration: there is no patch of it. Make the changes in the .tf file that declares each resource, then run terraform plan again',
    },
    // mxray verify (www/cli/verify.mjs): has the fix of a check reached the authoritative servers and the public resolvers.
    verify: {
      usage: `verify: has the fix reached the world yet
  mxray verify DOMAIN --expect FILE [--server HOST[:PORT]]... [--resolver NAME|URL]... [--watch [SECONDS]]
  --expect FILE         the JSON of mxray check --format json (the records its fix adds and removes),
                        or the corrected zone file (every record set in it, as written)
  --server HOST[:PORT]  the authoritative server to ask (may repeat); else the domain's name servers
  --resolver NAME|URL   a public resolver to ask over DoH (may repeat); cloudflare, google and quad9 by default (quad9 over HTTP/2)
  --doh-http2           ask every resolver over HTTP/2 when it offers it, else over HTTP/1.1
  --watch [SECONDS]     look again when the longest cached answer runs out, print what changed, stop when the fix is seen everywhere
  --watch-limit SECONDS stop watching after this long (3600 by default)
  --format text|json    words or JSON
  exit status: 0 seen everywhere, 1 not yet, 2 a usage or input error, 3 something could not be asked`,
      errors: {
        'needs-domain': 'verify takes one domain',
        'needs-expect': 'verify needs --expect FILE: the JSON of mxray check --format json, or the corrected zone file',
        'bad-expect': '{file}: not the JSON of mxray check: {detail}',
        'zone-empty': '{file}: the zone holds no record set of {domain} to verify',
        'zone-capped': '{file}: {count} record sets; the first {limit} are verified',
        'no-edits': '{file}: the check has no change to verify',
        'bad-watch': '--watch takes seconds from 1 to 86400: {value}',
        'bad-watch-limit': '--watch-limit takes seconds from 1 to 604800: {value}',
        'bad-format': '--format takes text or json: {value}',
        'other-domain': '{file} is the check of {checked}, not of {domain}: its record {name} is not at or under {domain}. Verify {checked}, or give the check of {domain}',
      },
      'dns-only': 'DNS only',
      'proxy-addresses': 'the proxy’s addresses',
      proxied: 'proxied',
      removed: 'removed: {data}',
      'no-data': 'with no data known',
      authoritative: 'authoritative {server}',
      serves: 'serves it',
      'old-answer': 'old answer ({records})',
      'no-record': 'no such record',
      'could-not-ask': 'could not ask: {reason}',
      // A record set of a type verify's sessions did not ask, at a name they did not reach.
      'not-asked': 'not asked: mxray asks only the SOA, NS, MX, A and AAAA of a name the check did not reach (and reads its CNAME from those answers)',
      'time-left': '{seconds} s left',
      states: {
        'seen-everywhere': 'seen everywhere',
        'seen-by-some': 'seen by some: everywhere within {seconds} s',
        'seen-by-some-no-time': 'seen by some: the time left is not known',
        'not-yet-served': 'not yet served by the authoritative servers',
        unknown: 'not known: an answer could not be had',
        unknowable: 'not known: the check does not say which data to expect (give the server address with --origin when you run the check)',
      },
      summary: 'verify {domain}: {state}',
      'watch-next': 'looking again in {seconds} s',
      'watch-limit': 'stopped watching after {seconds} s: the fix is not seen everywhere yet',
      // A DNS-only A/AAAA answered with an address neither the fix's nor a proxy's.
      'something-else': 'serves something else ({records})',
      'state-something-else': "served otherwise: the authoritative servers answer with an address that is neither the fix's nor the proxy's",
    },
    // check --server, --authoritative (www/cli/check.mjs): the check asked of one name server directly.
    checkServer: {
      usage: `a name server asked directly instead of the resolver, over UDP with TCP when an answer is truncated:
  --server ADDR[:PORT]  ask the name server at this IP address (port 53 if not given), without recursion;
                   an answer without the AA bit is unknown, so a server that does not hold the zone
                   makes the check could not tell (exit status 3), never fine
  --authoritative  ask the domain's own name servers (their names and addresses from --resolver):
                   the first that answers with the AA bit is used and named on standard error`,
      'bad-server': 'check --server takes one IP address, with :PORT if not 53: {value}',
      'zone-dir': '--server and --authoritative go with --domain, not with --zone-dir',
      'needs-live': '--server and --authoritative need a live check: --domain NAME without --offline',
      'server-and-authoritative': '--server and --authoritative go one at a time',
      used: 'asked the name server {host} at {server}',
      'none-answered': 'no name server of {value} gave an authoritative answer: {detail}',
    },
    // A name server asked directly (check --server or --authoritative, verify's authoritative
    // servers): why a question got no usable answer, in place of the resolver's words
    // (messages.js session.reasons), and what to try instead (report-text.js renderVerdict).
    nameServer: {
      reasons: {
        timeout: 'the name server did not answer in time',
        network: 'the name server could not be reached',
        'server-failure': 'the name server failed to answer for the name (SERVFAIL)',
        refused: 'the name server refused the question',
        'other-rcode': 'the name server answered with an error code',
      },
      other: 'Ask another of the domain’s name servers with --server and its address, or leave out --server to ask over DNS over HTTPS.',
    },
  },
  ja: {
    usage: `使い方: mxray <コマンド> [オプション] ファイル...

コマンド:
  dump      すべてのレコードを 1 行ずつ表示します: 所有者名 TTL クラス タイプ RDATA
  facts     ドメインのメールについて、世界から見える DNS の状態を
            DNS over HTTPS で問い合わせ、JSON で表示します (--zone のファイルにある名前も問い合わせます):
            mxray facts [オプション] --domain NAME、または mxray facts [オプション] DOMAIN
  check     ドメインのメールを壊している原因を見つけ、修正を書き出します:
            mxray check DOMAIN、または mxray check --zone FILE (オプションは mxray check --help を参照)
  verify    修正が世界から見えるようになったかを、ネームサーバーと公開リゾルバーに問い合わせて確かめます
            (オプションは mxray verify --help を参照)

オプション:
  --origin NAME   相対名の起点 (既定: ファイルから)
  --generic       RDATA を RFC 3597 形式 (\\# LEN HEX) で表示
  --format F      入力形式: {formats} (既定: auto)
  --lang L        メッセージの言語: en, ja (既定: LANG から)
  --domain NAME   (facts) ドメイン (既定: ゾーンの頂点)。--domain を付けずに DOMAIN と書いても同じです
  --zone FILE     (facts) ドメインのゾーンのエクスポート。複数指定可
  --resolver R    (facts) cloudflare、google、または https:// の DoH URL (既定: cloudflare)
  --doh-format F  (facts) wire または json (既定: wire)
  --timeout MS    (facts) 質問 1 件ごとのタイムアウト (既定: 5000)
  --offline       (facts) 何も問い合わせず、ゾーンファイルの内容だけを使う
  --include-root DIR  $INCLUDE で DIR の下のファイルも読めるようにする (既定: ゾーンファイルのフォルダーの下だけ)
  --ask-ptr       (facts) メールサーバーのアドレスの PTR を問い合わせる (リゾルバーにそのアドレスが伝わります)
  --no-padding    (facts) DNS の問い合わせをパディングなしで送る (既定: 128 オクテット単位にパディングする。RFC 8467)
  -h, --help      この説明
  --version       バージョン

終了ステータス: 0 問題なし、1 拒否されたレコードまたは不明な DNS の事実がある、
               2 使い方・ファイル・リゾルバーのエラー`,
    checkUsage: `使い方: mxray check [--zone FILE]... [--domain NAME | DOMAIN] [オプション]
        mxray check --zone-dir DIR [--live] [オプション]

  --zone FILE      ドメインのゾーンのエクスポート (BIND、Cloudflare のエクスポート、API JSON)。複数指定可。- は標準入力
  --domain NAME    ドメイン (--domain を付けずに DOMAIN と書いても同じ)。--offline がなければ実際の DNS に
                   問い合わせます (既定: ゾーンの頂点)
  --zone-dir DIR   DIR のゾーンファイルをすべて検査し、1 件 1 行で要約します (cPanel: /var/named)
  --offline        DNS に問い合わせない (ゾーンだけのとき、および --zone-dir の既定)
  --live           (--zone-dir) 各ゾーンのドメインの実際の DNS にも問い合わせる
  --resolver R     cloudflare、google、または https:// の DoH URL (既定: cloudflare)
  --timeout MS     質問 1 件ごとのタイムアウト (既定: 5000)
  --origin ADDR    メールサーバーのアドレス。修正の {origin-ipv4}/{origin-ipv6} を埋めます
  --panel P        {panels} (既定: auto)
  --format F       {formats}
                   (--zone-dir: text または jsonl。既定: text)
  --lang L         en, ja (既定: LANG から)
  --fail-on S      {severities}: 終了ステータスを 1 にする最も低い重大度 (既定: critical)
  --include-root DIR  (--zone) $INCLUDE で DIR の下のファイルも読めるようにする (既定: ゾーンファイルの
                   フォルダーの下だけ。--zone-dir では DIR の下だけ)
  --ask-ptr        メールサーバーのアドレスの PTR を問い合わせる (リゾルバーにそのアドレスが伝わります)
  --no-padding     DNS の問い合わせをパディングなしで送る (既定: 128 オクテット単位にパディングする。RFC 8467)
  --probe          (ライブ) 各メール用の名前のアドレスにメールのポートで接続し、挨拶、STARTTLS、証明書を
                   確かめる (認証情報もメールも送りません)
  --probe-timeout MS  (--probe) 接続の各段階の制限時間 (既定: 5000)
  --rule-url URL   (markdown、sarif) 各検出結果をそのルールのページ URL にリンクする。{rule} はルール ID、
                   {lang} は en か ja に置き換わります: https://…/rules/{lang}/{rule}.html

終了ステータス: 0 --fail-on 以上の問題なし、1 問題が見つかった、2 使い方のエラーまたは入力を読めない、
  3 --fail-on 以上の問題はないが判定できなかった (--zone-dir ではいずれかのゾーン)`,
    errors: {
      'needs-value': '{flag} には値が必要です',
      'unknown-option': '不明なオプションです: {value}',
      'unknown-command': '不明なコマンドです: {value}',
      'unknown-format': '不明な形式です: {value}',
      'unknown-language': '不明な言語です: {value}',
      'unknown-doh-format': '不明な DoH 形式です: {value} (wire か json を使ってください)',
      'unknown-panel': '不明なパネルです: {value}',
      'bad-timeout': '--timeout には 100 から 120000 までのミリ秒を指定します: {value}',
      'bad-fail-on': '--fail-on には {severities} のいずれかを指定します: {value}',
      'unexpected-argument': '予期しない引数です: {value} (ゾーンファイルは --zone の後に、ドメインは --domain の後に書きます)',
      'zone-dir-alone': '--zone-dir は --zone とも --domain とも一緒に使えません',
      'include-root-zone-dir': '--include-root は --zone と一緒に使います。--zone-dir は自分のフォルダーにある $INCLUDE のファイルしか読みません',
      'zone-dir-format': '--zone-dir が出力できるのは text か jsonl で、{value} ではありません',
      'live-and-offline': '--live と --offline は同時に指定できません',
      'live-without-zone-dir': '--live は --zone-dir と一緒に使います (--domain は --offline がなければ実際の DNS で検査します)',
      'check-needs-input': 'check には --zone FILE、--domain NAME、--zone-dir DIR のいずれかが必要です',
      'check-one-domain': 'check に指定できるドメインは 1 つです (--domain NAME か DOMAIN のどちらか): {value}',
      'argument-is-file': '{value} はファイルです。検査するには --zone {value} と指定してください (ゾーンファイルのフォルダーは --zone-dir)',
      'offline-needs-zone': '--offline には --zone FILE が必要です',
      'dump-needs-file': 'dump にはファイルを 1 つ以上指定してください',
      'facts-one-domain': 'facts に指定できるドメインは 1 つです (--domain NAME か DOMAIN のどちらか)',
      'facts-needs-input': 'facts には --domain NAME (または DOMAIN) か --zone FILE が必要です',
      'not-built': 'wasm のコアがビルドされていません ({file})。先に `make build` を実行してください',
      'probe-needs-live': '--probe はライブの検査でだけ使えます (--offline も --zone-dir もない --domain NAME)',
      'bad-probe-timeout': '--probe-timeout には 100 から 60000 までのミリ秒を指定します: {value}',
      'bad-rule-url': '--rule-url には {rule} を含む http か https のアドレスを指定します (例: https://example.org/rules/{lang}/{rule}.html): {value}',
    },
    notes: {
      'nothing-to-import': '修正で追加するレコードがないため、Cloudflare のインポート用ファイルはありません (このファイルには追加するレコードだけが入ります)',
      'no-records': '{file} を最後まで読みましたが、レコードがありません',
    },
    batchVerdict: {
      broken: '不具合あり',
      'at-risk': '要注意',
      fine: '問題なし',
      'could-not-tell': '判定できません',
    },
    resolver: {
      'bad-doh-format': '不明な DoH 形式です: "{value}" ("wire" か "json" を使ってください)',
      'no-endpoint': 'リゾルバー {value} には {format} のエンドポイントがありません',
      'bad-spec': 'リゾルバーにはプリセット名か https の URL を指定してください',
      'unknown-resolver': '不明なリゾルバーです: "{value}"。{presets} か https の URL を使ってください',
      'not-a-url': 'リゾルバーの URL が URL の形になっていません: {value}',
      'not-https': 'リゾルバーの URL は https でなければなりません (RFC 8484): {value}',
    },    server: {
      usage: `ネームサーバーに直接問い合わせる (facts)。UDP で送り、応答が切れていれば TCP で送り直します:
  --server HOST[:PORT]  DoH の代わりにこのネームサーバーに権威サーバーとして問い合わせます (RD なし、AA を確認)。複数指定できます
  --authoritative       ドメインのネームサーバーすべてに問い合わせます (NS とそのアドレスはリゾルバーから得ます)`,
      'bad-server': '--server には HOST、HOST:PORT、[IPV6]:PORT のいずれかを指定します: {value}',
      'no-address': 'ネームサーバー {value} のアドレスが見つかりません',
      'no-ns': 'リゾルバーが {value} のネームサーバーを返しませんでした',
      'server-or-resolver': '--server と --authoritative は --doh-format json と一緒には使えません',
    },
    // Terraform の入力 (www/lib/as-code/terraform.js)。{resource} は cloudflare_record.mail のようなアドレスです。
    terraform: {
      warning: '警告: {resource} はチェックしていません。{attribute} が {value} で、Terraform の実行時に決まる値のため mxray には分かりません',
      'state-no-patch': '{file} は Terraform の設定ではなくステート (terraform show -json) なので、パッチは作れません。プランの変更は、各リソースを宣言している .tf ファイルで行ってください',
      errors: {
        'no-domain': '{file}: ゾーンのドメインがファイルに書かれていません (zone_id が ID か変数です)。--domain で指定してください (DNS に問い合わせないときは --offline も付けます)',
        syntax: '{file}:{line}:{column}: Terraform として正しくありません: {detail}',
        'no-parser': '{file}: Terraform のファイルを読むには HCL パーサーが必要ですが、この mxray にはありません',
        'not-terraform': '{file}: Cloudflare の DNS レコードを含む Terraform のファイルではありません',
      },
      // プランの show -json (www/lib/as-code/terraform.js)。
      'plan-no-patch': '{file} は Terraform の設定ではなくプラン (terraform show -json) なので、パッチは作れません。各リソースを宣言している .tf ファイルで変更し、もう一度 terraform plan を実行してください',
    },
    // mxray verify (www/cli/verify.mjs): チェックの修正が権威サーバーと公開リゾルバーに届いたか。
    verify: {
      usage: `verify: 修正が反映されたかを確かめます
  mxray verify DOMAIN --expect FILE [--server HOST[:PORT]]... [--resolver NAME|URL]... [--watch [SECONDS]]
  --expect FILE         mxray check --format json の JSON (その修正が追加・削除するレコードを確かめます)、
                        または修正後のゾーンファイル (その中のすべてのレコードセットを書かれたとおりに確かめます)
  --server HOST[:PORT]  問い合わせる権威サーバー (複数指定できます)。指定しなければドメインのネームサーバーです
  --resolver NAME|URL   DoH で問い合わせる公開リゾルバー (複数指定できます)。既定は cloudflare、google、quad9 です (quad9 には HTTP/2 で問い合わせます)
  --doh-http2           どのリゾルバーにも、HTTP/2 に対応していれば HTTP/2 で、そうでなければ HTTP/1.1 で問い合わせます
  --watch [SECONDS]     キャッシュの残り時間が最も長い応答が切れたら問い合わせ直し、変わった点を表示し、すべてに反映されたら終わります
  --watch-limit SECONDS 監視をやめるまでの秒数 (既定は 3600)
  --format text|json    文章か JSON か
  終了コード: 0 すべてに反映、1 まだ、2 使い方か入力の誤り、3 問い合わせられなかったものがある`,
      errors: {
        'needs-domain': 'verify にはドメインを一つ指定します',
        'needs-expect': 'verify には --expect FILE (mxray check --format json の JSON、または修正後のゾーンファイル) が必要です',
        'bad-expect': '{file}: mxray check の JSON ではありません: {detail}',
        'zone-empty': '{file}: このゾーンには確かめる {domain} のレコードセットがありません',
        'zone-capped': '{file}: レコードセットが {count} 個あります。確かめるのは最初の {limit} 個です',
        'no-edits': '{file}: このチェックには確かめる変更がありません',
        'bad-watch': '--watch には 1 から 86400 までの秒数を指定します: {value}',
        'bad-watch-limit': '--watch-limit には 1 から 604800 までの秒数を指定します: {value}',
        'bad-format': '--format には text か json を指定します: {value}',
        'other-domain': '{file} は {domain} ではなく {checked} のチェックです (レコード {name} は {domain} とその配下にありません)。{checked} を確かめるか、{domain} のチェックを指定してください',
      },
      'dns-only': 'DNS のみ',
      'proxy-addresses': 'プロキシのアドレス',
      proxied: 'プロキシ経由',
      removed: '削除: {data}',
      'no-data': 'データは不明',
      authoritative: '権威サーバー {server}',
      serves: '反映済み',
      'old-answer': '古い応答 ({records})',
      'no-record': 'レコードなし',
      'could-not-ask': '問い合わせできませんでした: {reason}',
      'not-asked': '問い合わせていません: チェックで届かなかった名前について mxray が問い合わせるのは SOA、NS、MX、A、AAAA だけです (CNAME はその応答から読み取ります)',
      'time-left': '残り {seconds} 秒',
      states: {
        'seen-everywhere': 'すべてに反映されています',
        'seen-by-some': '一部に反映されています: {seconds} 秒以内にすべてに反映されます',
        'seen-by-some-no-time': '一部に反映されています: 残り時間は分かりません',
        'not-yet-served': '権威サーバーがまだ配信していません',
        unknown: '分かりません: 応答を得られないものがありました',
        unknowable: '分かりません: チェックの結果に期待するデータがありません (チェックを実行するときに --origin でサーバーのアドレスを指定してください)',
      },
      summary: '{domain} の確認: {state}',
      'watch-next': '{seconds} 秒後にもう一度確かめます',
      'watch-limit': '{seconds} 秒で監視をやめました: 修正はまだすべてには反映されていません',
      // DNS のみの A/AAAA が、修正のアドレスでもプロキシのアドレスでもないアドレスで応答した。
      'something-else': '別の応答 ({records})',
      'state-something-else': '別の内容で配信されています: 権威サーバーが、修正のアドレスでもプロキシのアドレスでもないアドレスを返しています',
    },
    // check --server、--authoritative (www/cli/check.mjs): ネームサーバー 1 台に直接問い合わせるチェック。
    checkServer: {
      usage: `リゾルバーではなくネームサーバーに直接問い合わせる。UDP で送り、応答が切れていれば TCP で送り直します:
  --server ADDR[:PORT]  この IP アドレスのネームサーバーに再帰なしで問い合わせます (ポートの既定は 53)。
                   AA ビットのない応答は不明として扱うため、ゾーンを持たないサーバーでは
                   「判定できません」(終了ステータス 3) になり、問題なしとはなりません
  --authoritative  ドメイン自身のネームサーバーに問い合わせます (名前とアドレスは --resolver から得ます)。
                   最初に AA ビット付きで応答したサーバーを使い、その名前を標準エラー出力に表示します`,
      'bad-server': 'check の --server には IP アドレスを 1 つ指定してください (ポートが 53 以外なら :PORT を付けます): {value}',
      'zone-dir': '--server と --authoritative は --domain と使います。--zone-dir とは使えません',
      'needs-live': '--server と --authoritative は DNS に問い合わせるチェックで使います: --offline を付けずに --domain NAME を指定してください',
      'server-and-authoritative': '--server と --authoritative はどちらか一方だけを指定してください',
      used: 'ネームサーバー {host} ({server}) に問い合わせました',
      'none-answered': '{value} のネームサーバーはどれも権威のある応答を返しませんでした: {detail}',
    },
    // ネームサーバーに直接問い合わせたとき (check --server、--authoritative、verify の権威サーバー):
    // 使える応答がなかった理由 (messages.js の session.reasons の代わり) と、次に試すこと。
    nameServer: {
      reasons: {
        timeout: 'ネームサーバーが時間内に応答しませんでした',
        network: 'ネームサーバーに接続できませんでした',
        'server-failure': 'ネームサーバーがこの名前に応答できませんでした (SERVFAIL)',
        refused: 'ネームサーバーが質問を拒否しました',
        'other-rcode': 'ネームサーバーがエラーコードを返しました',
      },
      other: 'ドメインの別のネームサーバーに --server とそのアドレスで問い合わせるか、--server を付けずに DNS over HTTPS で問い合わせてください。',
    },
  },
};

/**
 * The command line's words for `path` ("usage", "errors.unknown-option",
 * "resolver.not-https") in `lang`, English where a word is
 * missing, with every {name} in `values` filled. Braces without a value stay
 * as they are (the usage text shows the fix's {origin-ipv4}).
 */
export function cliMessage(path, lang = 'en', values = {}) {
  // A value comes from the command line or the input (an option, a file or domain name, a
  // resolver URL): escaped as diagnostics are, so no control, bidi or invisible character
  // (an OSC 52 clipboard write, a line erase) reaches the terminal as it is.
  const shown = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? displayText(v) : v]));
  return fillTemplate(lookup(cliMessages, path, lang) ?? path, shown, { brackets: false, keepUnknown: true });
}

/** A usage error: `code` names its words in cliMessages.<lang>.errors. */
export class UsageError extends Error {
  constructor(code, values = {}) {
    super(cliMessage(`errors.${code}`, 'en', values));
    this.name = 'UsageError';
    this.code = code;
    this.values = values;
  }
  /** The message in `lang`. */
  text(lang) {
    return cliMessage(`errors.${this.code}`, lang, this.values);
  }
}

/**
 * The language of a command line: its --lang (when it names en or ja), else
 * the locale of the environment. Read before the arguments are parsed, so
 * that the parser's own errors come in that language.
 */
export function cliLanguage(argv, env = {}) {
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice(7) : null;
    if (v === 'en' || v === 'ja') return v;
  }
  return pickLanguage(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/**
 * The words of a name server asked directly (`nameServer.reasons.<code>`, `nameServer.other`)
 * in `lang`, or null where it has none of its own (the reason then reads as messages.js has it).
 */
export function nameServerMessage(key, lang = 'en', values = {}) {
  return lookup(cliMessages, `nameServer.${key}`, lang) === undefined ? null : cliMessage(`nameServer.${key}`, lang, values);
}
