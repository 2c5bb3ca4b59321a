// Sample feeds of each format, for the parser's and the fetcher's tests.
export const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>竞品</title>
<item><title>保养 &amp; 轮胎优惠</title><link>https://x.example.com/a</link><guid>a-1</guid>
<description><![CDATA[<p>限时 <b>6 折</b></p><script>alert(1)</script>]]></description>
<pubDate>Mon, 30 Nov 2026 01:00:00 GMT</pubDate><dc:creator>王五</dc:creator></item>
<item><title>第二条</title><link>https://x.example.com/b</link></item>
</channel></rss>`;

export const ATOM = `<feed xmlns="http://www.w3.org/2005/Atom"><title>行业</title>
<entry><id>urn:uuid:1</id><title type="html">冬季&lt;b&gt;用车&lt;/b&gt;</title>
<link rel="alternate" href="https://y.example.org/e1"/><updated>2026-11-30T02:00:00Z</updated>
<summary>检查胎压</summary><author><name>观察者</name></author></entry></feed>`;

export const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'J',
  items: [
    {
      id: 'j1',
      url: 'https://z.example.net/j1',
      title: '新能源',
      content_html: '<p>电池检测</p>',
      date_published: '2026-11-29T00:00:00Z',
      authors: [{ name: '编辑部' }],
    },
  ],
});

export const RDF = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://r.example.com/"><title>R</title></channel>
<item rdf:about="https://r.example.com/1"><title>监管新规</title><link>https://r.example.com/1</link><description>公示</description></item></rdf:RDF>`;
