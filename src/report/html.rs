//! HTML escaping and the page chrome: [`esc`], the inline CSS and script, and
//! the page around a body with its Content-Security-Policy.

use std::fmt::Write as _;

/// Escape text for HTML: the only way any string reaches a page.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f7f8fa;--card:#fff;--accent:#1d4ed8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.top{display:flex;align-items:center;gap:18px;padding:10px 24px;background:#102a43;color:#fff;position:sticky;top:0;z-index:5}
header.top .brand{font-weight:700;letter-spacing:.02em}
header.top nav{display:flex;gap:14px;flex-wrap:wrap}
header.top a{color:#d9e2ec;text-decoration:none}
header.top a:hover{color:#fff;text-decoration:underline}
main{padding:18px 24px 40px;max-width:1500px;margin:0 auto}
h1{font-size:22px;margin:6px 0 4px}
h2{font-size:17px;margin:22px 0 8px}
h3{font-size:14px;margin:14px 0 4px;color:#334e68;display:flex;align-items:center;gap:6px}
a{color:var(--accent)}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.meta{color:var(--muted);margin:0 0 12px}
.warn{background:#fff4e5;border:1px solid #f7c68b;padding:6px 10px;border-radius:6px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0 6px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 16px;min-width:130px;text-decoration:none;color:var(--ink);box-shadow:0 1px 2px rgba(0,0,0,.04)}
.card b{display:block;font-size:22px}
.card span{color:var(--muted);font-size:13px}
.card.ok b{color:#047857}.card.bad b{color:#b91c1c}.card.warnc b{color:#b45309}
.tools{display:flex;gap:16px;align-items:center;margin:6px 0 10px}
.tools input[type=search]{width:340px;padding:6px 10px;border:1px solid #cbd2d9;border-radius:6px;font:inherit}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:8px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f0f4f8;font-size:13px;color:#334e68;position:sticky;top:44px}
tbody tr:nth-child(even){background:#fbfcfd}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.narrow{width:auto;min-width:420px}
.rid{font-weight:600}
.fam{color:var(--muted);font-size:12px;margin-left:4px}
tr.never-fired{background:#fff5f5 !important}
.flag{display:inline-block;font-size:12px;padding:1px 8px;border-radius:10px;margin:0 4px 2px 0;white-space:nowrap}
.flag.never{background:#fde2e2;color:#9b1c1c;border:1px solid #f8b4b4}
.flag.disagree{background:#fef3c7;color:#92400e;border:1px solid #fcd34d}
.flag.overlap{background:#e0e7ff;color:#3730a3;border:1px solid #c7d2fe}
.flag.fp{background:#fce7f3;color:#9d174d;border:1px solid #f9a8d4}
details summary{cursor:pointer;color:var(--muted);font-size:13px}
ol.ex,ul.ov{margin:6px 0 6px 18px;padding:0;font-size:13px}
ol.ex li,ul.ov li{margin:3px 0}
.ctx{color:#334e68}
.ctx b{background:#fff3bf;color:#111;font-weight:600}
.val{color:#7b8794;font-size:12px}
.sub{margin:8px 0 0;font-size:12px;font-weight:600;color:#334e68}
.path{color:var(--muted);font-size:12px}
.pager{display:flex;gap:6px;flex-wrap:wrap;margin:10px 0}
.pager a,.pager span{padding:2px 9px;border:1px solid var(--line);border-radius:6px;background:#fff;text-decoration:none}
.pager .cur{background:#102a43;color:#fff}
.legend{display:flex;gap:8px;flex-wrap:wrap;margin:6px 0 12px}
.chip{display:inline-flex;align-items:center;gap:4px;padding:2px 10px;border-radius:14px;font-size:13px;cursor:pointer;border:1px solid rgba(0,0,0,.08)}
.chip .n{color:var(--muted);font-size:12px}
.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(340px,440px);gap:22px;align-items:start}
.doc{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px 24px;white-space:pre-wrap;overflow-wrap:anywhere;font:15.5px/1.75 Georgia,"Iowan Old Style","Times New Roman",serif;box-shadow:0 1px 3px rgba(0,0,0,.05)}
.panel{position:sticky;top:58px;max-height:calc(100vh - 70px);overflow:auto;overflow-wrap:anywhere;background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px;font-size:14px}
.panel ul.items a:not(.rule){color:var(--ink);text-decoration:none;border-bottom:1px dotted #9aa5b1}
.panel ul.items a:not(.rule):hover{color:var(--accent);border-bottom-color:var(--accent)}
td.zero{color:#cbd2d9}
table.rules td:first-child{width:58%}
.panel h2{margin:10px 0 4px}
.sel{background:#f0f4f8;border-radius:8px;padding:8px 10px;margin-bottom:6px;min-height:40px}
.sel .hint{margin:0;color:var(--muted);font-size:13px}
.sel .row{margin:2px 0}
.sel .row code{font-weight:600}
ul.items{margin:0;padding-left:18px}
ul.items li{margin:2px 0}
a.rule{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#52606d;text-decoration:none;background:#f0f4f8;padding:0 5px;border-radius:4px;white-space:nowrap}
a.rule:hover{color:var(--accent)}
details.hits table{font-size:12px;margin-top:6px}
td.vals{color:#52606d}
details.json pre{white-space:pre-wrap;font-size:11.5px;background:#f8fafc;padding:8px;border-radius:6px;max-height:420px;overflow:auto}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:3px;vertical-align:baseline}
mark{background:none;color:inherit;border-radius:3px;cursor:pointer;padding:0 1px}
mark.f-quote,.chip.f-quote,.dot.f-quote{background:#fef9c3}
mark.f-quote{box-shadow:inset 0 -1px 0 #facc15}
mark.f-rating,.chip.f-rating,.dot.f-rating{background:#fdba74}
mark.f-rating{font-weight:700}
mark.f-service,.chip.f-service,.dot.f-service{background:#bfdbfe}
mark.f-speaker,.chip.f-speaker,.dot.f-speaker{background:#e9d5ff}
mark.f-official,.chip.f-official,.dot.f-official{background:#bbf7d0}
mark.f-theme{border-bottom:2px solid #0d9488;background:rgba(13,148,136,.08)}
.chip.f-theme,.dot.f-theme{background:#99f6e4}
mark.f-date,.chip.f-date,.dot.f-date{background:#e5e7eb}
mark.f-meta{border-bottom:2px dotted #64748b}
.chip.f-meta,.dot.f-meta{background:#f1f5f9}
mark.on{outline:2px solid #dc2626;outline-offset:1px}
body.hide-service mark.f-service,body.hide-rating mark.f-rating,body.hide-quote mark.f-quote,body.hide-speaker mark.f-speaker,body.hide-official mark.f-official,body.hide-theme mark.f-theme,body.hide-date mark.f-date,body.hide-meta mark.f-meta{background:none;border:0;box-shadow:none;font-weight:inherit}
ul.changes{list-style:none;padding-left:8px;margin:4px 0}
ul.changes li.plus{color:#047857}ul.changes li.minus{color:#b91c1c}ul.changes li.moved{color:#92400e}
@media (max-width:1000px){.cols{grid-template-columns:1fr}.panel{position:static;max-height:none}}
/* inspections.html */
table.insp td{vertical-align:top}
table.insp ul{margin:0;padding-left:16px}
tr.conflict>td:first-child{border-left:4px solid #b91c1c}
tr.conflict{background:#fff7f7}
.disagree{background:#fde2e2;color:#991b1b;font-weight:600;border-radius:4px;padding:0 4px}
ul.conflicts li{color:#991b1b}
.src-type{color:#616e7c;font-size:12px}
"#;

const JS: &str = r#"
(function(){
  var d=document;
  window.addEventListener('error',function(){d.documentElement.setAttribute('data-error','1');});
  var boxes=d.querySelectorAll('input[data-toggle]');
  for(var i=0;i<boxes.length;i++){(function(cb){cb.addEventListener('change',function(){
    d.body.classList.toggle('hide-'+cb.getAttribute('data-toggle'),!cb.checked);});})(boxes[i]);}
  var sel=d.getElementById('sel'), base=d.body.getAttribute('data-base')||'';
  function pick(m){
    if(!sel){return;}
    var on=d.querySelectorAll('mark.on');
    for(var i=0;i<on.length;i++){on[i].classList.remove('on');}
    var parts=d.querySelectorAll('mark[data-m="'+m.getAttribute('data-m')+'"]');
    for(var j=0;j<parts.length;j++){parts[j].classList.add('on');}
    while(sel.firstChild){sel.removeChild(sel.firstChild);}
    for(var e=m;e&&e.tagName==='MARK';e=e.parentElement){
      var row=d.createElement('div');row.className='row';
      var chip=d.createElement('span');chip.className='chip f-'+e.getAttribute('data-f');chip.textContent=e.getAttribute('data-f');
      var a=d.createElement('a');a.className='rule';a.setAttribute('href',base+'index.html#rule-'+encodeURIComponent(e.getAttribute('data-rule')));
      a.textContent=e.getAttribute('data-rule');
      var v=d.createElement('div');v.textContent=e.getAttribute('data-v');
      row.appendChild(chip);row.appendChild(d.createTextNode(' '));row.appendChild(a);row.appendChild(v);
      sel.appendChild(row);
    }
  }
  d.addEventListener('click',function(ev){
    var t=ev.target; if(t&&t.nodeType!==1){t=t.parentElement;}
    var m=t&&t.closest?t.closest('mark'):null; if(m){pick(m);}
  });
  function fromHash(){
    var h=location.hash;
    if(/^#m-[0-9]+$/.test(h)){var m=d.getElementById(h.slice(1));if(m){pick(m);if(m.scrollIntoView){m.scrollIntoView({block:'center'});}}}
    if(/^#only=/.test(h)&&f){f.value=decodeURIComponent(h.slice(6));filter();}
    if(/^#rule-/.test(h)){var r=d.getElementById(decodeURIComponent(h.slice(1)));if(r){var det=r.querySelector('details');if(det){det.open=true;}}}
  }
  var f=d.getElementById('filter'), fl=d.getElementById('flagged');
  function filter(){
    var q=(f.value||'').toLowerCase(), only=fl&&fl.checked, rows=d.querySelectorAll('#rules-table tbody tr');
    for(var i=0;i<rows.length;i++){var r=rows[i];
      var ok=(r.getAttribute('data-id')||'').toLowerCase().indexOf(q)>=0&&(!only||r.classList.contains('flagged'));
      r.style.display=ok?'':'none';}
  }
  if(f){f.addEventListener('input',filter); if(fl){fl.addEventListener('change',filter);}}
  window.addEventListener('hashchange',fromHash); fromHash();
  d.documentElement.setAttribute('data-ms',String(Math.round(window.performance?performance.now():0)));
  d.documentElement.setAttribute('data-ready','1');
})();
"#;

/// Base64 of the SHA-256 of `s`, for a Content-Security-Policy hash source.
fn sha256_b64(s: &str) -> String {
    use sha2::{Digest, Sha256};
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let h = Sha256::digest(s.as_bytes());
    let mut out = String::new();
    for c in h.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for k in 0..4 {
            if k <= c.len() {
                out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A whole page: head with inline CSS, navigation, body, inline script.
pub(super) fn page(title: &str, base: &str, nav: &str, body: &str) -> String {
    let mut s = String::with_capacity(body.len() + CSS.len() + JS.len() + 600);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    // Only this page's own style and script may run: nothing injected would.
    let _ = write!(
        s,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'\">",
        sha256_b64(CSS),
        sha256_b64(JS)
    );
    let _ = write!(
        s,
        "<title>{} \u{2014} pressmine report</title><style>{CSS}</style></head>",
        esc(title)
    );
    let _ = writeln!(
        s,
        "<body data-base=\"{}\"><header class=\"top\"><span class=\"brand\">pressmine report</span><nav>{nav}</nav></header><main>{body}</main><script>{JS}</script></body></html>",
        esc(base)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_hashes_are_base64_sha256() {
        assert_eq!(
            sha256_b64(""),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
        assert_eq!(
            sha256_b64("abc"),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
    }

    #[test]
    fn escapes_everything() {
        assert_eq!(
            esc("<script>a&b\"c'</script>"),
            "&lt;script&gt;a&amp;b&quot;c&#39;&lt;/script&gt;"
        );
    }
}
