// The demo's articles: real, useful text a shop would publish (the business's voice, two staff
// members' tech tips, a KOL owner's road trip), in Chinese as the shop writes them.

export interface DemoArticleText {
  title: string;
  summary: string;
  html: string;
  tags: string[];
}

export const DEMO_TAGS = [
  { slug: 'maintenance', name: '保养' },
  { slug: 'tyres', name: '轮胎' },
  { slug: 'ev', name: '新能源' },
  { slug: 'road-trips', name: '自驾' },
  { slug: 'saving', name: '省钱窍门' },
  { slug: 'winter', name: '冬季用车' },
];

export const BUSINESS_ARTICLES: DemoArticleText[] = [
  {
    title: '我们为什么坚持“先检查、再报价”',
    summary: '进店先做免费检查，拍照留证，再由您决定修不修——这是我们对每一位车主的承诺。',
    html: `<p>很多车主跟我们说过同一件事：去修车最怕的，是“不知道该不该换”。零件换下来看不到，价格说变就变，心里没底。</p>
<h2>我们的做法</h2>
<ul><li><strong>先检查</strong>：每台进店的车都做 36 项基础检查，不收费。</li>
<li><strong>拍照留证</strong>：磨损的刹车片、渗油的油封，技师都会拍照发到您的手机上。</li>
<li><strong>再报价</strong>：工时和配件分开列，您同意了才动手；不急的项目我们会标“可以再等等”。</li></ul>
<blockquote><p>换下来的旧件，您都可以带走。</p></blockquote>
<p>我们宁可少做一单生意，也不想让您花冤枉钱。下次保养，欢迎在 App 里预约，到店直接检查。</p>`,
    tags: ['maintenance', 'saving'],
  },
  {
    title: '新能源车也要保养吗？一张表说清楚',
    summary: '没有机油和火花塞，不代表不用保养：刹车液、冷却液、空调滤芯和轮胎一个都不能少。',
    html: `<p>电动车省掉了发动机，保养项目确实少了很多，但“零保养”是个误会。</p>
<h2>每年或每 1 万公里</h2>
<ul><li>空调滤芯：南方潮湿，建议一年一换，车里才不会有霉味。</li>
<li>轮胎换位和动平衡：电车扭矩大、车身重，轮胎磨得比油车快。</li>
<li>底盘和高压线束目视检查：看看有没有托底留下的磕碰。</li></ul>
<h2>每两年</h2>
<ul><li>刹车液：会吸水，沸点下降，两年一换。</li>
<li>电池冷却液：按厂家手册，通常 4 年或 8 万公里，我们检查时会测冰点。</li></ul>
<p>能量回收用得多，刹车片确实磨得慢，但刹车盘容易生锈，偶尔踩重一点刹车，让它“擦亮”一下。</p>`,
    tags: ['ev', 'maintenance'],
  },
  {
    title: '春节回家前，这 5 件事花 20 分钟就能做完',
    summary: '长途出发前的自查清单：胎压、灯光、雨刮、玻璃水和随车工具。',
    html: `<p>春节回老家，动辄几百公里高速。出发前花 20 分钟自查，能少很多麻烦。</p>
<ol><li><strong>胎压</strong>：冷车时按车门边标签打气，满载可以加 0.2 bar。</li>
<li><strong>灯光</strong>：请家人帮忙看一下刹车灯和转向灯。</li>
<li><strong>雨刮</strong>：刮不干净、有异响就换，几十块钱的事。</li>
<li><strong>玻璃水</strong>：北方一定要加防冻型的。</li>
<li><strong>随车工具</strong>：三角牌、备胎或补胎液，检查一下还在不在。</li></ol>
<p>拿不准的，节前到店我们免费帮您查一遍。</p>`,
    tags: ['road-trips', 'winter'],
  },
];

export const STAFF_ARTICLES: DemoArticleText[] = [
  {
    title: '机油怎么选？技师说说 0W-20 和 5W-30 的区别',
    summary: '看懂机油桶上的数字，按手册选粘度，别被“越贵越好”带偏。',
    html: `<p>每天都有车主问我：“师傅，用哪个机油好？”其实答案就写在您的保养手册上。</p>
<h2>数字是什么意思</h2>
<p>“0W-20”里，<strong>W 前面的数字</strong>说的是低温流动性，越小冷启动越顺；<strong>后面的数字</strong>是高温下的粘度。</p>
<h2>怎么选</h2>
<ul><li>新款日系车、混动车，手册多写 0W-20，别自己加稠。</li>
<li>年头久、公里数高、有点烧机油的车，可以在手册允许的范围内选 5W-30。</li>
<li>全合成还是半合成？城市短途、走走停停多，全合成更耐用。</li></ul>
<blockquote><p>比牌子更重要的，是按时换。5000 到 10000 公里，看手册，也看您的用车习惯。</p></blockquote>
<p>来店保养时，我会把换下来的旧机油倒出来给您看颜色，心里有数。</p>`,
    tags: ['maintenance', 'saving'],
  },
  {
    title: '冬季胎压为什么总报警？',
    summary: '气温每降 10 度，胎压大约降 0.1 bar。早上报警别慌，看这篇。',
    html: `<p>一到冬天，不少车主早上一打火，仪表上胎压灯就亮了。大多数时候不是扎胎，是天冷了。</p>
<h2>原理很简单</h2>
<p>气温每下降 10°C，胎压大约降低 0.1 bar（约 1.5 psi）。夏天打的 2.3，到了寒潮早上可能只剩 2.1。</p>
<h2>怎么处理</h2>
<ul><li>在<strong>冷车</strong>时测量，按车门边标签的数值补气。</li>
<li>四个轮胎都低一点：补气即可；只有一个明显低：可能是扎钉，来店检查。</li>
<li>别为了“防爆胎”故意打低，胎压不足反而更容易伤胎、费油。</li></ul>
<p>门店门口的充气机全天免费使用，路过随时来。</p>`,
    tags: ['tyres', 'winter'],
  },
];

export const KOL_ARTICLES: DemoArticleText[] = [
  {
    title: '川西自驾 9 天，我的车和我都活着回来了',
    summary: '318 进、317 出，海拔 4000 米以上跑了三天。路况、油耗和出发前的准备。',
    html: `<p>国庆前在店里做了一次全面检查，换了刹车片和空调滤芯，然后我们一家三口就出发了。</p>
<p>最难的一段是新都桥到理塘，连续的弯道和长下坡。一定要用低挡位控制车速，别一直踩刹车。</p>
<p>高原上油耗比平时高了大约 15%，加油站间隔有时超过 100 公里，看到就加。</p>
<p>回来又去店里复查，技师说刹车盘有点热变色但没问题。感谢师傅们出发前的叮嘱！</p>`,
    tags: ['road-trips'],
  },
  {
    title: '开了三年电车，我总结的 6 个省钱习惯',
    summary: '谷电充电、少用快充、冬天预热……三年下来每公里不到一毛钱。',
    html: `<p>我的车三年跑了 6 万公里，算下来电费每公里不到一毛钱。分享几个习惯：</p>
<p>一是尽量在家用谷电慢充，快充只在长途时用。二是冬天出门前用 App 预热，插着电预热不耗电池。</p>
<p>三是胎压保持在标准值，低了续航掉得很明显。四是能量回收开到最强，市区基本单踏板。</p>
<p>五是保养按手册来，别被推销“电池养护套餐”。六是空调滤芯自己会换，网上看个视频就行。</p>`,
    tags: ['ev', 'saving'],
  },
];
