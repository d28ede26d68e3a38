// The browser extension's own words, English and Japanese: the popup, the
// options page and the manifest (written to _locales/<lang>/messages.json by
// www/extension/build.mjs). Words the extension shares with the website
// (settings, errors, counts) come from site-messages.js; the findings'
// headlines from messages.js.

import { fillTemplate, lookup } from './catalogue.js';
import { displayText } from './name-safety.js';

export const extensionMessages = {
  en: {
    manifest: {
      name: 'mxray — mail behind a proxy',
      description: 'Finds why e-mail breaks when a domain’s DNS is behind a reverse proxy such as Cloudflare, and shows the fix. MIT License.',
      action: 'Check this site’s mail',
    },
    popup: {
      title: 'mxray',
      domainLabel: 'Domain',
      check: 'Check',
      checking: 'Checking {domain}…',
      starting: 'Starting the checker…',
      report: 'Finding problems…',
      // By the report's verdict.state (docs/report.md), in words that fit the popup.
      verdict: {
        broken: 'Mail for {domain} is likely broken.',
        'at-risk': 'Mail for {domain} works, with warnings.',
        fine: 'No problem found for {domain}.',
        'could-not-tell': 'Could not tell whether mail for {domain} works: mxray could not look at everything it needed.',
      },
      unknown: '{count} {count|fact|facts} could not be checked: a DNS answer was missing or bad. {count|It is|They are} not counted as fine.',
      couldNotCheck: 'Could not check',
      // The fix, one sentence per change (www/lib/answer.js), after the verdict.
      whatToDo: 'What to do',
      where: {
        cloudflare: 'In Cloudflare’s dashboard, DNS › Records:',
        panel: 'In {panel}:',
        unknown: 'Where the domain’s DNS is kept:',
      },
      changesMore: '… and {count} more {count|change|changes} in the full report.',
      // A value the fix needs and the input does not tell ({placeholder}: its words).
      likelyAddress: 'mxray cannot tell {placeholder}: likely {address}, as seen in the records. Check that it is yours; the full report says how to find it.',
      unknownAddress: 'mxray cannot tell {placeholder}: the full report says how to find it.',
      topFindings: 'Top findings',
      more: '… and {count} more in the full report.',
      fullReport: 'Full report',
      options: 'Options',
      resolver: 'Resolver: {name}',
      psl: 'Public Suffix List of {date}',
      tab: {
        'no-tab': 'The browser did not share this tab’s address. Type a domain to check.',
        'not-web': 'This tab is not a web page[ ({scheme}:)]. mxray checks a web site’s domain: open the site in a tab and press mxray again, or type a domain.',
        'ip-address': 'This tab’s address is an IP address ({host}), not a domain. Type the domain to check.',
        'not-public': '{host} is not a public domain name. Type the domain to check.',
        'public-suffix': '{host} is a public suffix, shared by many owners, not one domain. Type the domain to check.',
      },
      fromTab: 'From this tab: {host}',
      // What the check could not look at, besides unanswered questions (www/extension/popup-blind.js).
      blindOther: 'something else the check needed; the full report says what',
      // At risk, when the check could not look at everything: that mail works is not known.
      verdictBlind: { 'at-risk': 'Mail for {domain} has warnings, and mxray could not look at everything it needed, so whether it works is not known.' },
    },
    options: {
      title: 'mxray — options',
      heading: 'Options',
      intro: 'The resolver answers the popup’s live checks. mxray tells it only the names it looks up.',
      customHelp: 'A resolver of your own must allow this extension’s requests (CORS: Access-Control-Allow-Origin). Cloudflare and Google do.',
      languageAuto: 'The browser’s language',
      save: 'Save',
      saved: 'Saved.',
      notSaved: 'Not saved: this browser keeps no data for the extension (storage is off), so the popup goes on with the defaults.',
      kept: 'Options are kept in this browser only; only the ones you change are stored.',
    },
  },
  ja: {
    manifest: {
      name: 'mxray — プロキシの裏のメール',
      description: 'ドメインの DNS が Cloudflare などのリバースプロキシの裏にあるとき、メールが壊れる理由を調べ、修正を示します。MIT ライセンス。',
      action: 'このサイトのメールを調べる',
    },
    popup: {
      title: 'mxray',
      domainLabel: 'ドメイン',
      check: '調べる',
      checking: '{domain} を調べています…',
      starting: 'チェッカーを起動しています…',
      report: '問題を探しています…',
      verdict: {
        broken: '{domain} のメールは壊れている可能性が高いです。',
        'at-risk': '{domain} のメールは届きますが、警告があります。',
        fine: '{domain} に問題は見つかりませんでした。',
        'could-not-tell': '{domain} のメールが正常かどうか判定できません。必要な情報の一部を確認できませんでした。',
      },
      unknown: '{count} 件の事実を確かめられませんでした（DNS の応答がないか不正）。問題なしとは数えていません。',
      couldNotCheck: 'チェックできませんでした',
      whatToDo: '対処方法',
      where: {
        cloudflare: 'Cloudflare ダッシュボードの「DNS」›「レコード」で:',
        panel: '{panel} で:',
        unknown: 'ドメインの DNS を管理している場所で:',
      },
      changesMore: '… ほか {count} 件の変更は詳しいレポートにあります。',
      likelyAddress: 'mxray には{placeholder}がわかりません。レコードから見て、おそらく {address} です。あなたのサーバーのものか確かめてください。調べ方は詳しいレポートにあります。',
      unknownAddress: 'mxray には{placeholder}がわかりません。調べ方は詳しいレポートにあります。',
      topFindings: '主な指摘',
      more: '… ほか {count} 件は詳しいレポートにあります。',
      fullReport: '詳しいレポート',
      options: 'オプション',
      resolver: 'リゾルバー: {name}',
      psl: 'Public Suffix List（{date} 版）',
      tab: {
        'no-tab': 'ブラウザーがこのタブのアドレスを渡しませんでした。調べるドメインを入力してください。',
        'not-web': 'このタブはウェブページではありません[（{scheme}:）]。mxray はウェブサイトのドメインを調べます。サイトをタブで開いてもう一度 mxray を押すか、ドメインを入力してください。',
        'ip-address': 'このタブのアドレスは IP アドレス（{host}）で、ドメインではありません。調べるドメインを入力してください。',
        'not-public': '{host} は公開のドメイン名ではありません。調べるドメインを入力してください。',
        'public-suffix': '{host} は多くの所有者が共有するパブリックサフィックスで、一つのドメインではありません。調べるドメインを入力してください。',
      },
      fromTab: 'このタブから: {host}',
      blindOther: 'チェックに必要なその他の情報 (何かは「詳しいレポート」に示します)',
      verdictBlind: { 'at-risk': '{domain} のメールには警告があります。必要な情報の一部を確認できなかったため、届いているかどうかは分かりません。' },
    },
    options: {
      title: 'mxray — オプション',
      heading: 'オプション',
      intro: 'ポップアップのライブチェックにはこのリゾルバーが答えます。mxray が伝えるのは調べる名前だけです。',
      customHelp: '独自のリゾルバーは、この拡張機能からの要求を許可する必要があります（CORS: Access-Control-Allow-Origin）。Cloudflare と Google は許可しています。',
      languageAuto: 'ブラウザーの言語',
      save: '保存',
      saved: '保存しました。',
      notSaved: '保存できませんでした。このブラウザーは拡張機能のデータを保存しません（ストレージが無効です）。ポップアップは既定の設定のまま動きます。',
      kept: 'オプションはこのブラウザーの中にだけ保存されます。保存するのは変更したものだけです。',
    },
  },
};

/** The languages the extension speaks. */
export const extensionLanguages = Object.keys(extensionMessages);


/**
 * The extension's words for `path` ("popup.verdict.fine") in `lang`, with
 * `values` filled in; English when the language lacks the key, the path
 * itself when no language has it.
 */
export function extensionMessage(path, lang = 'en', values = {}) {
  const template = lookup(extensionMessages, path, lang);
  // "[ ({scheme}:)]": the bracketed part only when its placeholders have values; values in display form.
  return template === undefined ? path : fillTemplate(template, values, { show: displayText });
}
