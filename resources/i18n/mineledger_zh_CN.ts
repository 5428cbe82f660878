<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppContext</name>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>AppointDialog</name>
    <message>
        <source>Appoint to a key post</source>
        <translation>任命关键岗位</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>任职时间</translation>
    </message>
    <message>
        <source>A specialty may have several technicians: nobody is replaced.</source>
        <translation>同一专业可以有多名技术人员，现有人员不被替换。</translation>
    </message>
    <message>
        <source>{names} now holds this post; that term ends on {date}.</source>
        <translation>现任{names}的任职将于{date}结束。</translation>
    </message>
    <message>
        <source>Under the {profile}, {name} does not qualify: {reasons}.</source>
        <translation>按{profile}，{name}不符合任职条件：{reasons}。</translation>
    </message>
    <message>
        <source>Under the {profile}, {name} qualifies.</source>
        <translation>按{profile}，{name}符合任职条件。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Person: choose who is appointed.</source>
        <translation>人员：请选择任职人员。</translation>
    </message>
</context>
<context>
    <name>AttendeeModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>成绩</translation>
    </message>
    <message>
        <source>Decide by hand</source>
        <translation>人工判定</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Not examined</source>
        <translation>未考核</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Tick to decide pass or fail yourself instead of from the pass mark of 60.</source>
        <translation>勾选后由您判定是否合格，不按60分及格线计算。</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Renewal or review</source>
        <translation>换证或复审</translation>
    </message>
    <message>
        <source>Register a certificate</source>
        <translation>登记证书</translation>
    </message>
    <message>
        <source>Tick when the certificate has a review date</source>
        <translation>证书有复审日期时勾选</translation>
    </message>
    <message>
        <source>e.g. Shanxi Provincial Emergency Management Department</source>
        <translation>如：山西省应急管理厅</translation>
    </message>
    <message>
        <source>First underground special-operation certificate</source>
        <translation>首次取得井下特种作业证</translation>
    </message>
    <message>
        <source>A first-time holder of an underground licence needs senior high school education or above.</source>
        <translation>首次取得井下特种作业操作证的人员应具有高中及以上文化程度。</translation>
    </message>
    <message>
        <source>Issuer agreed to review every 6 years (10+ years in the trade)</source>
        <translation>经发证机关同意每6年复审一次（从事本工种10年以上）</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Certificate kind</source>
        <translation>证书类别</translation>
    </message>
    <message>
        <source>Operation type</source>
        <translation>作业类别</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>证号</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>复审日期</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发证机关</translation>
    </message>
    <message>
        <source>First issue</source>
        <translation>首次取得</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>换证</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>复审</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <source>current</source>
        <translation>现行</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>办理</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>证号</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>复审日期</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Renewal (换证): a new certificate with a new validity</source>
        <translation>换证：新证书，重新计算有效期</translation>
    </message>
    <message>
        <source>Review (复审): the validity stays, the review is recorded</source>
        <translation>复审：有效期不变，登记本次复审</translation>
    </message>
    <message>
        <source>Certificate history (oldest first)</source>
        <translation>证书记录（由早到晚）</translation>
    </message>
    <message>
        <source>What is being done</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>No review is due on this certificate under the rule edition in force.</source>
        <translation>按现行规定，这张证书没有应办理的复审。</translation>
    </message>
    <message>
        <source>Valid {years} years from issue.</source>
        <translation>自发证之日起有效期{years}年。</translation>
    </message>
    <message>
        <source>A review keeps the certificate&apos;s validity; it is recorded as a new row.</source>
        <translation>复审不改变证书的有效期，作为一条新记录登记。</translation>
    </message>
    <message>
        <source>Valid {years} years; under the edition in force until 2026-05-31 it is reviewed every 3 years.</source>
        <translation>有效期{years}年；按2026年5月31日前施行的规定，每3年复审一次。</translation>
    </message>
    <message>
        <source>Valid {years} years; from 2026-06-01 the 3-yearly review is abolished, the certificate is renewed when it ends.</source>
        <translation>有效期{years}年；自2026年6月1日起不再3年复审，有效期届满时换证。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Person: choose whose certificate it is.</source>
        <translation>人员：请选择持证人。</translation>
    </message>
</context>
<context>
    <name>CertificatesTab</name>
    <message>
        <source>Number</source>
        <translation>证号</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Within 30 days</source>
        <translation>30 天内</translation>
    </message>
    <message>
        <source>Within 60 days</source>
        <translation>60 天内</translation>
    </message>
    <message>
        <source>Within 90 days</source>
        <translation>90 天内</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Certificate kind</source>
        <translation>证书类别</translation>
    </message>
    <message>
        <source>Operation type</source>
        <translation>作业类别</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>复审日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Everyone — or type a name, ID number or work number</source>
        <translation>全部人员（或输入姓名、身份证号、工号）</translation>
    </message>
    <message>
        <source>Register certificate…</source>
        <translation>登记证书…</translation>
    </message>
    <message>
        <source>Renew / review…</source>
        <translation>换证/复审…</translation>
    </message>
    <message>
        <source>Print warning list…</source>
        <translation>打印预警清单…</translation>
    </message>
    <message>
        <source>Register a certificate for this person…</source>
        <translation>为其登记证书…</translation>
    </message>
    <message>
        <source>History of the selected certificate (oldest first)</source>
        <translation>所选证书的记录（由早到晚）</translation>
    </message>
    <message>
        <source>Falls due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>{count} certificates</source>
        <translation>共 {count} 张证书</translation>
    </message>
    <message>
        <source>No certificate problem found.</source>
        <translation>未发现证书问题。</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
</context>
<context>
    <name>ClausePicker</name>
    <message>
        <source>Search the standard: article, category or words of the clause</source>
        <translation>搜索判定标准：条款号、类别或条文中的字词</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>情形</translation>
    </message>
    <message>
        <source>Standards in force on {date}: {titles}</source>
        <translation>{date}施行的判定标准：{titles}</translation>
    </message>
    <message>
        <source>No standard in force on {date} for this kind of mine.</source>
        <translation>{date}没有适用于本类矿山的判定标准。</translation>
    </message>
    <message>
        <source>No clause chosen yet: a major hazard needs the clause it matches.</source>
        <translation>尚未选择条款：重大事故隐患须选择所对应的判定标准条款。</translation>
    </message>
    <message>
        <source>Chosen: {edition} {label} ({category}) {text}</source>
        <translation>已选：{edition} {label}（{category}）{text}</translation>
    </message>
</context>
<context>
    <name>CoverageTab</name>
    <message>
        <source>Print coverage…</source>
        <translation>打印覆盖情况表…</translation>
    </message>
    <message>
        <source>Underground</source>
        <translation>入井人员</translation>
    </message>
    <message>
        <source>Drilled</source>
        <translation>已培训</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Failed only</source>
        <translation>仅不合格</translation>
    </message>
    <message>
        <source>Not drilled</source>
        <translation>未培训</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>合格率</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>（未分部门）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Latest drill</source>
        <translation>最近演练</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>用时（秒）</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月用时</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月用时</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Choose a person to see his drills</source>
        <translation>选择一名人员，查看其演练记录</translation>
    </message>
    <message>
        <source>May not go underground</source>
        <translation>不得入井人员</translation>
    </message>
    <message>
        <source>Failed two months running</source>
        <translation>连续两月不合格</translation>
    </message>
    <message>
        <source>Drill history</source>
        <translation>个人演练记录</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按部门统计</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>{year}-{month:02}</source>
        <translation>{year}年{month:02}月</translation>
    </message>
    <message>
        <source>Working out {year}-{month:02}…</source>
        <translation>正在统计{year}年{month:02}月…</translation>
    </message>
    <message>
        <source>The month could not be worked out: {error}</source>
        <translation>本月情况未能统计：{error}</translation>
    </message>
    <message>
        <source>Not drilled ({count})</source>
        <translation>未培训人员（{count}）</translation>
    </message>
    <message>
        <source>May not go underground ({count})</source>
        <translation>不得入井人员（{count}）</translation>
    </message>
    <message>
        <source>Failed two months running ({count})</source>
        <translation>连续两月不合格（{count}）</translation>
    </message>
    <message>
        <source>Active underground workers of {year}-{month:02}; barred as of {day}.</source>
        <translation>{year}年{month:02}月在岗入井人员；不得入井名单截至{day}。</translation>
    </message>
    <message>
        <source>{name}: {status} this month.</source>
        <translation>{name}：本月{status}。</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>not drilled</source>
        <translation>未培训</translation>
    </message>
    <message>
        <source>{name}: the latest {count} drills</source>
        <translation>{name}：最近{count}次演练</translation>
    </message>
    <message>
        <source>{name}: no drill recorded</source>
        <translation>{name}：没有演练记录</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Double-click a problem to open the record it is about.</source>
        <translation>双击某个问题，可打开它所涉及的记录。</translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>No mine yet: add one with “Add mine”.</source>
        <translation>还没有矿山：请点击“新增矿山”添加。</translation>
    </message>
    <message>
        <source>Home — {mine}</source>
        <translation>首页 — {mine}</translation>
    </message>
    <message>
        <source>Checked against the rules: nothing needs attention.</source>
        <translation>已按规则检查，没有需要处理的问题。</translation>
    </message>
    <message>
        <source>{total} problems: {red} red (violations), {amber} amber (due soon or incomplete).</source>
        <translation>共 {total} 个问题：红色（违规）{red} 个，黄色（临期/不完整）{amber} 个。</translation>
    </message>
    <message>
        <source>The check failed: {error}. Press Refresh to try again.</source>
        <translation>检查失败：{error}。请按“刷新”重试。</translation>
    </message>
    <message>
        <source>Not available yet</source>
        <translation>暂不可用</translation>
    </message>
    <message>
        <source>Records of this kind cannot be opened in this version yet.</source>
        <translation>本版本还不能打开这类记录。</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Tick when the date is known</source>
        <translation>知道日期时勾选</translation>
    </message>
</context>
<context>
    <name>DrillSessionDialog</name>
    <message>
        <source>Self-rescuer drill</source>
        <translation>自救器实操培训记录</translation>
    </message>
    <message>
        <source>Drill results</source>
        <translation>演练结果</translation>
    </message>
    <message>
        <source>e.g. PX-01～PX-06</source>
        <translation>如 PX-01～PX-06</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Blind donning within this time passes; exactly this time passes too</source>
        <translation>盲戴用时不超过此时间为合格（恰好等于也合格）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Instructor / examiner</source>
        <translation>培训人/考核人</translation>
    </message>
    <message>
        <source>Pass within</source>
        <translation>合格标准</translation>
    </message>
    <message>
        <source>Training unit model</source>
        <translation>培训自救器型号</translation>
    </message>
    <message>
        <source>Unit serial numbers</source>
        <translation>自救器编号</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>— choose a department or team —</source>
        <translation>— 选择部门或班组 —</translation>
    </message>
    <message>
        <source>{name} ({count} underground)</source>
        <translation>{name}（入井{count}人）</translation>
    </message>
    <message>
        <source>Add the whole team</source>
        <translation>整队加入</translation>
    </message>
    <message>
        <source>Add a whole department or team (Ctrl+D):</source>
        <translation>整个部门/班组加入（Ctrl+D）：</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>用时（秒）</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>← name, ID number or work number, then Enter</source>
        <translation>← 输入姓名、身份证号或工号，按回车</translation>
    </message>
    <message>
        <source>Enter: next row · q or 缺 in the seconds: absent · a person picked again is his retry · Ctrl+D: a whole team · Ctrl+Delete: remove a row · Ctrl+S: save · Esc: close</source>
        <translation>回车：下一行 · 用时栏输入 q 或“缺”：缺席 · 同一人再次录入即为补测 · Ctrl+D：整队加入 · Ctrl+Delete：删除本行 · Ctrl+S：保存 · Esc：关闭</translation>
    </message>
    <message>
        <source>A saved session&apos;s details stay as they were entered; results can be added or corrected (a correction counts as another attempt).</source>
        <translation>已保存演练的基本信息保持原样；可以补录或更正成绩（更正计为又一次测试）。</translation>
    </message>
    <message>
        <source>{name} is on row {row}: type his time there.</source>
        <translation>{name}在第{row}行：请在该行填写用时。</translation>
    </message>
    <message>
        <source>{name} is already on row {row}: one person has one result per session, so this is his attempt {attempts} — type the time of this attempt there.</source>
        <translation>{name}已在第{row}行：同一次演练每人只有一条成绩，这是他的第{attempts}次测试——请在该行填写本次用时。</translation>
    </message>
    <message>
        <source>{name} {warning}: you will be asked to confirm when saving.</source>
        <translation>{name}{warning}：保存时将请您确认。</translation>
    </message>
    <message>
        <source>{added} people added in roster order; {already} were already on the sheet.</source>
        <translation>已按花名册顺序加入{added}人；{already}人原已在表中。</translation>
    </message>
    <message>
        <source>{added} people added in roster order: type their seconds down the column.</source>
        <translation>已按花名册顺序加入{added}人：请沿用时一栏依次填写。</translation>
    </message>
    <message>
        <source>Row removed: {name}.</source>
        <translation>已删除一行：{name}。</translation>
    </message>
    <message>
        <source>{rows} rows: {passed} pass, {failed} fail, {absent} absent, {open} to fill</source>
        <translation>共{rows}行：合格{passed}，不合格{failed}，缺席{absent}，待填{open}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>没有可保存的内容</translation>
    </message>
    <message>
        <source>Type at least one result: a person and the seconds, or mark him absent.</source>
        <translation>请至少录入一条成绩：人员和用时，或标为缺席。</translation>
    </message>
    <message>
        <source>No result was added or corrected.</source>
        <translation>没有补录或更正任何成绩。</translation>
    </message>
    <message>
        <source>Not saved: the sheet is as you left it.</source>
        <translation>未保存：表中内容保持不变。</translation>
    </message>
    <message>
        <source>These people should not be on a drill sheet:

{list}

Save their results anyway?</source>
        <translation>以下人员不应出现在演练表中：

{list}

仍然保存他们的成绩吗？</translation>
    </message>
    <message>
        <source>Check these people</source>
        <translation>请核对人员</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>不保存就关闭？</translation>
    </message>
    <message>
        <source>{count} rows typed here are not saved. Close and lose them?</source>
        <translation>已录入的{count}行尚未保存。关闭并放弃吗？</translation>
    </message>
</context>
<context>
    <name>DrillsPage</name>
    <message>
        <source>Self-rescuer drills</source>
        <translation>自救器演练</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Drill log</source>
        <translation>演练记录</translation>
    </message>
    <message>
        <source>Monthly coverage</source>
        <translation>月度覆盖</translation>
    </message>
    <message>
        <source>Evacuation drills</source>
        <translation>应急演练</translation>
    </message>
    <message>
        <source>Self-rescuer drills — {mine}</source>
        <translation>自救器演练 — {mine}</translation>
    </message>
</context>
<context>
    <name>EvacuationDialog</name>
    <message>
        <source>Emergency evacuation drill</source>
        <translation>紧急撤离和逃生避险应急演练</translation>
    </message>
    <message>
        <source>Evacuation drill record</source>
        <translation>应急演练记录</translation>
    </message>
    <message>
        <source>e.g. evacuation from a fire at the fully mechanised face</source>
        <translation>如：综采工作面火灾事故紧急撤离</translation>
    </message>
    <message>
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Optional: the names, separated by 、 or one a line</source>
        <translation>可选：参演人员姓名，用“、”分隔或每行一个</translation>
    </message>
    <message>
        <source>How the drill went: alarm, routes, head count …</source>
        <translation>演练过程：发出警报、撤离路线、清点人数……</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>演练中发现的问题</translation>
    </message>
    <message>
        <source>Measures against each problem</source>
        <translation>针对问题的整改措施</translation>
    </message>
    <message>
        <source>Did the drill reach its aim?</source>
        <translation>演练是否达到预期目的？</translation>
    </message>
    <message>
        <source>Reported to the county regulator on</source>
        <translation>已报县级应急管理部门，日期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>演练科目/场景</translation>
    </message>
    <message>
        <source>Corrections to a saved drill are kept in the audit trail.</source>
        <translation>对已保存演练记录的修改会记入操作日志。</translation>
    </message>
    <message>
        <source>Not yet reported to the county regulator: tick the box, enter the day it was reported and save.</source>
        <translation>尚未报县级应急管理部门：请勾选并填写报告日期后保存。</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>组织人</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参演人数</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>演练时长</translation>
    </message>
    <message>
        <source>County report</source>
        <translation>上报情况</translation>
    </message>
    <message>
        <source>Participant names</source>
        <translation>参演人员名单</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>演练过程</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>演练评估</translation>
    </message>
    <message>
        <source>At least one drill every half year (《生产安全事故应急条例》 第八条); record the day it was reported to the county-level emergency management department.</source>
        <translation>每半年至少组织一次演练（《生产安全事故应急条例》第八条），并登记报县级应急管理部门的日期。</translation>
    </message>
    <message>
        <source>{count} names listed</source>
        <translation>名单共{count}人</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>不保存就关闭？</translation>
    </message>
    <message>
        <source>What you typed for this drill is not saved. Close and lose it?</source>
        <translation>本次演练已填写的内容尚未保存。关闭并放弃吗？</translation>
    </message>
</context>
<context>
    <name>EvacuationTab</name>
    <message>
        <source>New evacuation drill…</source>
        <translation>新增应急演练…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Print record…</source>
        <translation>打印演练记录…</translation>
    </message>
    <message>
        <source>Half-year</source>
        <translation>半年度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Drill held</source>
        <translation>演练日期</translation>
    </message>
    <message>
        <source>Reported to the county</source>
        <translation>报县级应急管理部门日期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>演练科目/场景</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>组织人</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参演人数</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>时长（分钟）</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>未报告</translation>
    </message>
    <message>
        <source>Evacuation drills</source>
        <translation>应急演练记录</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Due by {day}</source>
        <translation>待组织（{day}前）</translation>
    </message>
    <message>
        <source>Overdue: none held</source>
        <translation>逾期未组织</translation>
    </message>
    <message>
        <source>Before the records began</source>
        <translation>建账之前（不评判）</translation>
    </message>
    <message>
        <source>reported to the county regulator on {day}</source>
        <translation>已于{day}报县级应急管理部门</translation>
    </message>
    <message>
        <source>not yet reported to the county regulator</source>
        <translation>尚未报县级应急管理部门</translation>
    </message>
    <message>
        <source>{half}: drill held on {day}, {reported}.</source>
        <translation>{half}：已于{day}组织演练，{reported}。</translation>
    </message>
    <message>
        <source>{half}: no evacuation drill yet — due by {day} ({days} days left).</source>
        <translation>{half}：尚未组织应急演练——须在{day}前完成（还剩{days}天）。</translation>
    </message>
    <message>
        <source>{half}: none held (overdue).</source>
        <translation>{half}：未组织（已逾期）。</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Red (violation)</source>
        <translation>红色（违规）</translation>
    </message>
    <message>
        <source>Amber (due soon / incomplete)</source>
        <translation>黄色（临期/不完整）</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>依据</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>MineLedger — first start</source>
        <translation>矿安台账 — 首次使用</translation>
    </message>
    <message>
        <source>Check the operator</source>
        <translation>请检查操作员</translation>
    </message>
    <message>
        <source>Operator name: please fill in your name; every change records who made it.</source>
        <translation>操作员姓名：请填写您的姓名，每一处修改都会记下是谁做的。</translation>
    </message>
</context>
<context>
    <name>FormPreview</name>
    <message>
        <source>Build again</source>
        <translation>重新生成</translation>
    </message>
</context>
<context>
    <name>HazardDialog</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date found</source>
        <translation>排查日期</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>排查人</translation>
    </message>
    <message>
        <source>Inspector&apos;s unit</source>
        <translation>检查人员单位</translation>
    </message>
    <message>
        <source>Source / check level</source>
        <translation>排查层级/来源</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Category as written</source>
        <translation>类别（原文）</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>隐患描述</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Mine&apos;s grade</source>
        <translation>本矿等级</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>判定标准</translation>
    </message>
    <message>
        <source>Standard clause</source>
        <translation>判定依据</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Funds (yuan)</source>
        <translation>资金（元）</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Contingency plan</source>
        <translation>应急预案</translation>
    </message>
    <message>
        <source>Listed by</source>
        <translation>挂牌督办单位</translation>
    </message>
    <message>
        <source>Listed on</source>
        <translation>挂牌督办日期</translation>
    </message>
    <message>
        <source>Reported to the regulator</source>
        <translation>报监管部门日期</translation>
    </message>
    <message>
        <source>Made known to the workers</source>
        <translation>向职工公告日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Rectified on</source>
        <translation>整改完成日期</translation>
    </message>
    <message>
        <source>Rectified by</source>
        <translation>整改人</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改情况</translation>
    </message>
    <message>
        <source>Acceptor</source>
        <translation>验收人</translation>
    </message>
    <message>
        <source>Accepted on</source>
        <translation>验收日期</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>验收意见</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>销号日期</translation>
    </message>
    <message>
        <source>Cause analysis</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <source>Reason for voiding</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Registered as {number}</source>
        <translation>登记为{number}</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Five fixes</source>
        <translation>五落实</translation>
    </message>
    <message>
        <source>Rectification and acceptance</source>
        <translation>整改与验收</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Print five-fixes and closing sheet…</source>
        <translation>打印五落实及整改销号单…</translation>
    </message>
    <message>
        <source>A person of the mine</source>
        <translation>本矿人员</translation>
    </message>
    <message>
        <source>An outside inspector</source>
        <translation>外部检查人员</translation>
    </message>
    <message>
        <source>Inspector&apos;s name</source>
        <translation>检查人员姓名</translation>
    </message>
    <message>
        <source>Unit, e.g. county emergency management bureau</source>
        <translation>所在单位，如县应急管理局</translation>
    </message>
    <message>
        <source>e.g. 1302 working face, return airway</source>
        <translation>如：1302工作面回风巷</translation>
    </message>
    <message>
        <source>What kind, in your own words</source>
        <translation>具体类别（自行填写）</translation>
    </message>
    <message>
        <source>Amount in yuan, e.g. 12000</source>
        <translation>金额（元），如12000</translation>
    </message>
    <message>
        <source>Authority that listed it for supervision</source>
        <translation>挂牌督办的部门</translation>
    </message>
    <message>
        <source>Why it arose, and the measure against its return</source>
        <translation>隐患产生的原因，及防止再次出现的措施</translation>
    </message>
    <message>
        <source>Listed supervision</source>
        <translation>挂牌督办</translation>
    </message>
    <message>
        <source>Double report</source>
        <translation>双报告</translation>
    </message>
    <message>
        <source>Listed supervision, the double report and the cause analysis are recorded after registration.</source>
        <translation>挂牌督办、双报告和原因分析在登记后填写。</translation>
    </message>
    <message>
        <source>Save five fixes</source>
        <translation>保存五落实</translation>
    </message>
    <message>
        <source>Start rectification</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <source>What was done to remove the hazard</source>
        <translation>为消除隐患所做的整改</translation>
    </message>
    <message>
        <source>Record rectification done</source>
        <translation>登记整改完成</translation>
    </message>
    <message>
        <source>Acceptance</source>
        <translation>验收</translation>
    </message>
    <message>
        <source>Opinion; when it fails, the reason</source>
        <translation>验收意见；不合格时写明原因</translation>
    </message>
    <message>
        <source>Passed: close the hazard</source>
        <translation>验收合格，销号</translation>
    </message>
    <message>
        <source>Failed: back to rectification</source>
        <translation>验收不合格，退回整改</translation>
    </message>
    <message>
        <source>Void a wrong entry</source>
        <translation>作废错误登记</translation>
    </message>
    <message>
        <source>Why this entry is wrong (it stays in the ledger, greyed)</source>
        <translation>登记错误的原因（作废后仍留在台账中，以灰色显示）</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>状态变化</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>After</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <source>Audit trail (every change, field by field)</source>
        <translation>修改留痕（逐项记录每次修改）</translation>
    </message>
    <message>
        <source>Register a hazard</source>
        <translation>登记隐患</translation>
    </message>
    <message>
        <source>New hazard: the number is given when it is registered.</source>
        <translation>新隐患：登记时自动编号。</translation>
    </message>
    <message>
        <source>Hazard {number}</source>
        <translation>隐患{number}</translation>
    </message>
    <message>
        <source>Hazard {number} · {grade} · {status}</source>
        <translation>隐患{number} · {grade} · {status}</translation>
    </message>
    <message>
        <source>closed on {date}, locked</source>
        <translation>{date}已销号，已锁定</translation>
    </message>
    <message>
        <source>voided: {reason}</source>
        <translation>已作废：{reason}</translation>
    </message>
    <message>
        <source>{days} days past the deadline</source>
        <translation>已超过整改期限{days}天</translation>
    </message>
    <message>
        <source>(general hazard: no clause)</source>
        <translation>（一般隐患，无需判定依据）</translation>
    </message>
    <message>
        <source>Save cause analysis</source>
        <translation>保存原因分析</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>Acceptance failed on {date}: {note}</source>
        <translation>{date}验收不合格：{note}</translation>
    </message>
    <message>
        <source>General hazard: the five fixes are recorded as far as they are known.</source>
        <translation>一般隐患：五落实按已知情况填写。</translation>
    </message>
    <message>
        <source>Major hazard: the five fixes lack {items}.</source>
        <translation>重大事故隐患“五落实”不全，缺{items}。</translation>
    </message>
    <message>
        <source>Double report lacks the date {items}.</source>
        <translation>双报告缺{items}的日期。</translation>
    </message>
    <message>
        <source>Major hazard: the five fixes and the double report are complete.</source>
        <translation>重大事故隐患：五落实和双报告已齐全。</translation>
    </message>
    <message>
        <source>Void the hazard</source>
        <translation>作废隐患</translation>
    </message>
    <message>
        <source>Void hazard {number}? It stays in the ledger, greyed, with this reason; its number is not given again.</source>
        <translation>作废隐患{number}？作废后仍以灰色留在台账中并注明原因，编号不再重复使用。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>找不到记录</translation>
    </message>
    <message>
        <source>This hazard is not in the ledger any more.</source>
        <translation>台账中已没有这条隐患。</translation>
    </message>
</context>
<context>
    <name>HazardGradesBox</name>
    <message>
        <source>Hazard grades</source>
        <translation>隐患分级</translation>
    </message>
    <message>
        <source>Grade name</source>
        <translation>等级名称</translation>
    </message>
    <message>
        <source>National grade</source>
        <translation>对应国家等级</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般事故隐患</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大事故隐患</translation>
    </message>
</context>
<context>
    <name>HazardLedgerTab</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date found</source>
        <translation>排查日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Search number, place or description</source>
        <translation>搜索编号、地点或描述</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>未销号</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Found from</source>
        <translation>排查日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Register hazard…</source>
        <translation>登记隐患…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Start rectification</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <source>Rectification / acceptance…</source>
        <translation>整改/验收…</translation>
    </message>
    <message>
        <source>Print ledger…</source>
        <translation>打印台账…</translation>
    </message>
    <message>
        <source>Print five-fixes sheet…</source>
        <translation>打印五落实销号单…</translation>
    </message>
    <message>
        <source>Double-click a hazard to open its form. Red: past the deadline and not closed; grey: voided.</source>
        <translation>双击隐患打开登记表。红色：超过整改期限仍未销号；灰色：已作废。</translation>
    </message>
    <message>
        <source>{count} hazards</source>
        <translation>共{count}条</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>HazardSource</name>
    <message>
        <source>{status}: {reason}</source>
        <translation>{status}：{reason}</translation>
    </message>
    <message>
        <source>{status}, {days} d overdue</source>
        <translation>{status}，逾期{days}天</translation>
    </message>
</context>
<context>
    <name>HazardStatsTab</name>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <source>Print statistics…</source>
        <translation>打印统计表…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>No hazards found in this year.</source>
        <translation>本年度没有排查出隐患。</translation>
    </message>
    <message>
        <source>Hazards found in the year, voided ones left out. Overdue: not closed and past the deadline today. Rectification rate: closed out of found.</source>
        <translation>统计本年度排查出的隐患，不含已作废的。逾期：截至今天超过整改期限仍未销号。整改率：已销号数 ÷ 新增数。</translation>
    </message>
    <message>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Stock: {count} major hazards found before {year} still open ({numbers}).</source>
        <translation>存量：{year}年以前发现的重大事故隐患仍有{count}项未销号（{numbers}）。</translation>
    </message>
    <message>
        <source>Stock: no major hazard from before {year} is open.</source>
        <translation>存量：{year}年以前发现的重大事故隐患已全部销号。</translation>
    </message>
    <message>
        <source>{year}: {found} hazards found, {closed} rectified and closed, {open} not rectified ({overdue} overdue); rectification rate {rate}.</source>
        <translation>{year}年：新增隐患{found}项，已整改销号{closed}项，未整改{open}项（其中逾期{overdue}项）；整改率{rate}。</translation>
    </message>
    <message>
        <source>Major hazards found in {year}: {count}, of which {closed} closed.</source>
        <translation>{year}年新增重大事故隐患{count}项，已销号{closed}项。</translation>
    </message>
    <message>
        <source>Open major hazards now: {count} (dynamic zeroing counts this down to 0).</source>
        <translation>目前未销号的重大事故隐患：{count}项（动态清零）。</translation>
    </message>
</context>
<context>
    <name>HazardsPage</name>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Monthly checks</source>
        <translation>月度排查</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>MineLedger</source>
        <translation>矿安台账</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>人员培训</translation>
    </message>
    <message>
        <source>Self-rescuer drills</source>
        <translation>自救器演练</translation>
    </message>
    <message>
        <source>Hazard ledger</source>
        <translation>隐患台账</translation>
    </message>
    <message>
        <source>Print center</source>
        <translation>打印中心</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>矿山</translation>
    </message>
    <message>
        <source>Current mine:</source>
        <translation>当前矿山：</translation>
    </message>
    <message>
        <source>Add mine…</source>
        <translation>新增矿山…</translation>
    </message>
    <message>
        <source>Current mine: {name}</source>
        <translation>当前矿山：{name}</translation>
    </message>
    <message>
        <source>No mine yet</source>
        <translation>还没有矿山</translation>
    </message>
    <message>
        <source>(not set — see Settings)</source>
        <translation>（未设置，请在“设置”中填写）</translation>
    </message>
    <message>
        <source>Operator: {name}</source>
        <translation>操作员：{name}</translation>
    </message>
</context>
<context>
    <name>MineDialog</name>
    <message>
        <source>Mine name: must not be empty</source>
        <translation>矿山名称：不能为空</translation>
    </message>
    <message>
        <source>Mine name: “{name}” already exists, please choose another name</source>
        <translation>矿山名称：“{name}”已存在，请换一个名称</translation>
    </message>
    <message>
        <source>Mine information</source>
        <translation>矿山信息</translation>
    </message>
    <message>
        <source>Add a mine</source>
        <translation>新增矿山</translation>
    </message>
    <message>
        <source>Every change is recorded with the operator&apos;s name and the time.</source>
        <translation>每一处修改都会记下操作员姓名和时间（留痕）。</translation>
    </message>
</context>
<context>
    <name>MineForm</name>
    <message>
        <source>Coal mine</source>
        <translation>煤矿</translation>
    </message>
    <message>
        <source>Underground metal/non-metal mine</source>
        <translation>金属非金属地下矿山</translation>
    </message>
    <message>
        <source>Open-pit metal/non-metal mine</source>
        <translation>金属非金属露天矿山</translation>
    </message>
    <message>
        <source>Tailings pond</source>
        <translation>尾矿库</translation>
    </message>
    <message>
        <source>Shanxi Province</source>
        <translation>山西省</translation>
    </message>
    <message>
        <source>National</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>The person first responsible for safety</source>
        <translation>安全生产第一责任人</translation>
    </message>
    <message>
        <source>Which qualification rules the checks apply: Shanxi&apos;s stricter notices, or the national baseline.</source>
        <translation>检查时采用的任职资格标准：山西省更严格的规定，或国家规定的底线要求。</translation>
    </message>
    <message>
        <source>Mine name</source>
        <translation>矿山名称</translation>
    </message>
    <message>
        <source>Mine type</source>
        <translation>矿山类型</translation>
    </message>
    <message>
        <source>Safety production licence no.</source>
        <translation>安全生产许可证号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Principal (incl. actual controller)</source>
        <translation>主要负责人（含实际控制人）</translation>
    </message>
    <message>
        <source>Qualification standard</source>
        <translation>资格标准</translation>
    </message>
</context>
<context>
    <name>MinePage</name>
    <message>
        <source>Welcome to MineLedger</source>
        <translation>欢迎使用矿安台账</translation>
    </message>
    <message>
        <source>Step 1 of 2: the mine whose ledgers you keep. You can change this later in Settings.</source>
        <translation>第 1 步（共 2 步）：填写您管理台账的矿山。以后可以在“设置”中修改。</translation>
    </message>
    <message>
        <source>Check the mine</source>
        <translation>请检查矿山信息</translation>
    </message>
</context>
<context>
    <name>MonthModel</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Monthly check</source>
        <translation>月度排查</translation>
    </message>
    <message>
        <source>Check date</source>
        <translation>排查日期</translation>
    </message>
    <message>
        <source>Led by</source>
        <translation>组织人</translation>
    </message>
    <message>
        <source>Major hazards found</source>
        <translation>本月重大隐患</translation>
    </message>
    <message>
        <source>Zero report</source>
        <translation>零报告</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>排查结果</translation>
    </message>
    <message>
        <source>{year}-{month}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已排查</translation>
    </message>
    <message>
        <source>Due this month</source>
        <translation>本月待排查</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺排查</translation>
    </message>
    <message>
        <source>Filed {date}</source>
        <translation>已报送（{date}）</translation>
    </message>
    <message>
        <source>Due: no major hazard found</source>
        <translation>应报送：未发现重大隐患</translation>
    </message>
    <message>
        <source>Not needed</source>
        <translation>无需报送</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>MonthlyCheckDialog</name>
    <message>
        <source>Register the monthly check</source>
        <translation>登记月度排查</translation>
    </message>
    <message>
        <source>Month {month}</source>
        <translation>{month}月</translation>
    </message>
    <message>
        <source>The principal who led the check</source>
        <translation>组织排查的主要负责人</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>e.g. the whole mine: ventilation, gas, water, roof, electrical …</source>
        <translation>如：全矿井通风、瓦斯、防治水、顶板、机电……</translation>
    </message>
    <message>
        <source>What the check found; “no major hazard found” if none</source>
        <translation>排查结果；没有发现时填“未发现重大事故隐患”</translation>
    </message>
    <message>
        <source>The principal leads at least one whole-system major-hazard check each month. A month whose check found no major hazard files a zero report (on the monthly checks list).</source>
        <translation>主要负责人每月至少组织开展1次全系统重大事故隐患排查。排查未发现重大事故隐患的月份须报送零报告（在月度排查列表中报送）。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Check date</source>
        <translation>排查日期</translation>
    </message>
    <message>
        <source>Led by (principal)</source>
        <translation>组织人（主要负责人）</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>排查范围</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>排查结果</translation>
    </message>
</context>
<context>
    <name>MonthlyChecksTab</name>
    <message>
        <source>Register monthly check…</source>
        <translation>登记月度排查…</translation>
    </message>
    <message>
        <source>File zero report…</source>
        <translation>报送零报告…</translation>
    </message>
    <message>
        <source>Print monthly check record…</source>
        <translation>打印月度排查记录…</translation>
    </message>
    <message>
        <source>The principal leads at least one whole-system major-hazard check a month; a month whose check found no major hazard files a zero report. Double-click a month without a check to register it.</source>
        <translation>主要负责人每月至少组织1次全系统重大事故隐患排查；排查未发现重大事故隐患的月份报送零报告。双击没有排查记录的月份即可登记。</translation>
    </message>
    <message>
        <source>No check recorded for {count} months ({months}).</source>
        <translation>有{count}个月没有排查记录（{months}）。</translation>
    </message>
    <message>
        <source>Zero report due for {months}.</source>
        <translation>{months}应报送零报告。</translation>
    </message>
    <message>
        <source>This month&apos;s check is still to be done.</source>
        <translation>本月排查尚未进行。</translation>
    </message>
    <message>
        <source>Every month has its check, and every zero report due is filed.</source>
        <translation>每月均已排查，应报的零报告均已报送。</translation>
    </message>
</context>
<context>
    <name>OperatorPage</name>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Step 2 of 2: who is keeping the ledger on this computer.</source>
        <translation>第 2 步（共 2 步）：在这台电脑上填写台账的人。</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Every record you create or change is kept with your name and the time (留痕), so an inspector can see who entered what. You can change the operator later in Settings.</source>
        <translation>您新建或修改的每一条记录都会记下您的姓名和时间（留痕），检查人员可以看到每条记录是谁录入的。以后可以在“设置”中更换操作员。</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>操作员姓名</translation>
    </message>
</context>
<context>
    <name>PersonCertificatesTab</name>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>作业类别</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>证号</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>复审日期</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发证机关</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>A renewal or review is a new certificate linked to the one before: expand a certificate to see the ones it replaced. Certificates are added and renewed under Certificates.</source>
        <translation>换证或复审是一条与上一张相连的新记录：展开证书可看到被它取代的记录。证书的登记、换证和复审在“证书”中办理。</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <source>Replaced by a later renewal or review</source>
        <translation>已被后来的换证或复审取代</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>有效</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Principal</source>
        <translation>主要负责人</translation>
    </message>
    <message>
        <source>Five positions</source>
        <translation>“五职”矿长</translation>
    </message>
    <message>
        <source>Five specialties</source>
        <translation>“五科”专业技术人员</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>{title} technician</source>
        <translation>{title}专业技术人员</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(no field changed)</source>
        <translation>（无字段变化）</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Key posts</source>
        <translation>关键岗位</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Every change is recorded with the operator&apos;s name and the time.</source>
        <translation>每一处修改都会记下操作员姓名和时间。</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Key posts, training, certificates and history open once the person is saved.</source>
        <translation>保存后即可查看关键岗位、培训、证书和历史记录。</translation>
    </message>
    <message>
        <source>Person — {name}</source>
        <translation>人员信息 — {name}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Add a mine first.</source>
        <translation>请先新增矿山。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>找不到记录</translation>
    </message>
    <message>
        <source>This person is no longer in the records.</source>
        <translation>找不到这名人员的记录。</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>所学专业</translation>
    </message>
    <message>
        <source>Core mining major</source>
        <translation>主体专业</translation>
    </message>
    <message>
        <source>School</source>
        <translation>毕业院校</translation>
    </message>
    <message>
        <source>Professional title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门（区队）</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位/职务</translation>
    </message>
    <message>
        <source>Employment type</source>
        <translation>用工形式</translation>
    </message>
    <message>
        <source>Agency / contractor</source>
        <translation>派遣/外包单位</translation>
    </message>
    <message>
        <source>Goes underground</source>
        <translation>入井</translation>
    </message>
    <message>
        <source>Start of work</source>
        <translation>参加工作时间</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>入职日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registered at</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>矿山</translation>
    </message>
    <message>
        <source>18 characters; full-width digits and spaces are fine</source>
        <translation>18位；全角数字、空格都可以</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>（未填）</translation>
    </message>
    <message>
        <source>Yes, a mining-core major</source>
        <translation>是，矿山主体专业</translation>
    </message>
    <message>
        <source>Mining-core majors: {majors}</source>
        <translation>矿山主体专业：{majors}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The labour agency or contractor</source>
        <translation>劳务派遣单位或外包单位名称</translation>
    </message>
    <message>
        <source>Yes, goes down the mine</source>
        <translation>是，入井人员</translation>
    </message>
    <message>
        <source>Start of front-line work; front-line years count from it, minus the recorded gaps.</source>
        <translation>一线工作开始时间；一线年限由此起算，减去登记的中断时间。</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>（未分部门）</translation>
    </message>
    <message>
        <source>Date of birth and sex are read from the ID number.</source>
        <translation>出生日期和性别由身份证号自动读出。</translation>
    </message>
    <message>
        <source>Born {birth}, {sex}</source>
        <translation>出生日期 {birth}，{sex}</translation>
    </message>
</context>
<context>
    <name>PersonHistoryTab</name>
    <message>
        <source>Effective</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>内容（原值 → 新值）</translation>
    </message>
    <message>
        <source>e.g. worked above ground, studied</source>
        <translation>如：调地面工作、脱产学习</translation>
    </message>
    <message>
        <source>Add gap</source>
        <translation>添加中断</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态记录</translation>
    </message>
    <message>
        <source>Gaps in front-line work (subtracted from the front-line years)</source>
        <translation>一线工作中断（从一线年限中扣除）</translation>
    </message>
    <message>
        <source>Changes to this record (who, when, old → new)</source>
        <translation>修改记录（谁、何时、原值 → 新值）</translation>
    </message>
</context>
<context>
    <name>PersonOrName</name>
    <message>
        <source>Pick a person of the mine, or type a name</source>
        <translation>选择本矿人员，或直接填写姓名</translation>
    </message>
    <message>
        <source>Pick a person of the mine as you type; a name that is nobody&apos;s is kept as typed.</source>
        <translation>输入时可选择本矿人员；不是本矿人员的姓名按填写内容保存。</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Name, ID number or work number</source>
        <translation>姓名、身份证号或工号</translation>
    </message>
</context>
<context>
    <name>PersonPostsTab</name>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>任职时间</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>离任时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>任命</translation>
    </message>
    <message>
        <source>Assign a key post</source>
        <translation>任命关键岗位</translation>
    </message>
    <message>
        <source>e.g. transferred, resigned</source>
        <translation>如：调动、辞职</translation>
    </message>
    <message>
        <source>End the selected post</source>
        <translation>结束所选任职</translation>
    </message>
    <message>
        <source>End a post</source>
        <translation>结束任职</translation>
    </message>
    <message>
        <source>The principal and each of the five positions have one holder: assigning a new one ends the current holder&apos;s term the day before. A specialty may have several technicians.</source>
        <translation>主要负责人和“五职”矿长每个职务只有一人：任命新人时，现任者的任职在新任职前一天结束。“五科”每个专业可以有多名技术人员。</translation>
    </message>
    <message>
        <source>Holds it now</source>
        <translation>现任</translation>
    </message>
    <message>
        <source>Replace the current holder?</source>
        <translation>替换现任者？</translation>
    </message>
    <message>
        <source>{post} is held by {holder} since {since}. Assigning {name} ends {holder}&apos;s term on the day before {start}. Continue?</source>
        <translation>{post}现由{holder}担任（自 {since} 起）。任命{name}后，{holder}的任职将于 {start} 前一天结束。继续吗？</translation>
    </message>
</context>
<context>
    <name>PersonStatusDialog</name>
    <message>
        <source>Change status — {name}</source>
        <translation>状态变更 — {name}</translation>
    </message>
    <message>
        <source>e.g. transferred to the group&apos;s second mine</source>
        <translation>如：调往集团二号矿</translation>
    </message>
    <message>
        <source>{name} is now “{status}”. The person stays in the records; only the status changes.</source>
        <translation>{name}目前为“{status}”。人员记录会保留，只改变状态。</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Effective date</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PersonTrainingsTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训名称</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>成绩</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Training sessions and who attended them are entered under Training records.</source>
        <translation>培训及参加人员在“培训记录”中登记。</translation>
    </message>
    <message>
        <source>Not examined</source>
        <translation>未考核</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Hours this year ({year}): {this}    Last year ({last_year}): {last}</source>
        <translation>今年（{year}年）学时：{this}&#x3000;&#x3000;去年（{last_year}年）学时：{last}</translation>
    </message>
</context>
<context>
    <name>PersonnelPage</name>
    <message>
        <source>Roster</source>
        <translation>花名册</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This area is not built yet in this version of MineLedger.</source>
        <translation>本版本的矿安台账尚未提供此功能。</translation>
    </message>
</context>
<context>
    <name>PrintCenterPage</name>
    <message>
        <source>Print center</source>
        <translation>打印中心</translation>
    </message>
    <message>
        <source>Build preview</source>
        <translation>生成预览</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Choose a form on the left and click “Build preview”.</source>
        <translation>请在左侧选择表格，然后点击“生成预览”。</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>The records changed after this preview was built: build it again.</source>
        <translation>生成预览后记录已有修改，请重新生成预览。</translation>
    </message>
    <message>
        <source>Building “{title}”…</source>
        <translation>正在生成“{title}”…</translation>
    </message>
    <message>
        <source>Preview failed</source>
        <translation>无法预览</translation>
    </message>
    <message>
        <source>The PDF could not be shown: {error}</source>
        <translation>无法显示该 PDF：{error}</translation>
    </message>
    <message>
        <source>“{title}”: {rows} rows, {pages} pages.</source>
        <translation>“{title}”：{rows} 行，共 {pages} 页。</translation>
    </message>
    <message>
        <source>Cancelled: no form was built.</source>
        <translation>已取消，未生成表格。</translation>
    </message>
    <message>
        <source>The form was not built.</source>
        <translation>表格未生成。</translation>
    </message>
    <message>
        <source>Form not built</source>
        <translation>表格未生成</translation>
    </message>
    <message>
        <source>An unexpected error stopped the form: {error}</source>
        <translation>生成表格时发生意外错误：{error}</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The PDF could not be saved to “{path}”: {error}</source>
        <translation>无法把 PDF 保存到“{path}”：{error}</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <source>Sent {pages} pages to the printer.</source>
        <translation>已向打印机发送 {pages} 页。</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting to Excel…</source>
        <translation>正在导出Excel…</translation>
    </message>
    <message>
        <source>Exported: {path}</source>
        <translation>已导出：{path}</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <source>The workbook was not written: {error}</source>
        <translation>Excel 文件未能写入：{error}</translation>
    </message>
</context>
<context>
    <name>RelieveDialog</name>
    <message>
        <source>Relieve of post</source>
        <translation>免职</translation>
    </message>
    <message>
        <source>{name}, {post}</source>
        <translation>{name}，{post}</translation>
    </message>
    <message>
        <source>Reason or document number</source>
        <translation>免职原因或文号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>任职人员</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>任职时间</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>离任时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ResultRow</name>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Absent (or type q / 缺 in the seconds)</source>
        <translation>缺席（也可在用时栏输入 q 或“缺”）</translation>
    </message>
    <message>
        <source>Attempts in this session (a retry counts here)</source>
        <translation>本次演练的测试次数（补测计入此处）</translation>
    </message>
    <message>
        <source>Remove this row (Ctrl+Delete)</source>
        <translation>删除本行（Ctrl+Delete）</translation>
    </message>
    <message>
        <source>A saved result stays; correct it instead</source>
        <translation>已保存的成绩不能删除，可以更正</translation>
    </message>
    <message>
        <source>has left ({status})</source>
        <translation>已不在岗（{status}）</translation>
    </message>
    <message>
        <source>does not go underground</source>
        <translation>不是入井人员</translation>
    </message>
    <message>
        <source>Work no. {number}</source>
        <translation>工号 {number}</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>请核对</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺席</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>Import the roster from Excel</source>
        <translation>从 Excel 导入花名册</translation>
    </message>
    <message>
        <source>Choose an Excel workbook (.xlsx) or a CSV file</source>
        <translation>请选择 Excel 工作簿（.xlsx）或 CSV 文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Column in the sheet</source>
        <translation>表中的列</translation>
    </message>
    <message>
        <source>First row reads</source>
        <translation>第一行数据</translation>
    </message>
    <message>
        <source>{field} (required)</source>
        <translation>{field}（必需）</translation>
    </message>
    <message>
        <source>Which column feeds which field</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>To import</source>
        <translation>可导入</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Departments and notes</source>
        <translation>部门与说明</translation>
    </message>
    <message>
        <source>What the import would do</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <source>Nothing is written until you import; the import is all the good rows or none.</source>
        <translation>点“导入”之前不写入任何数据；导入时全部可导入的行一起写入，出错则一行也不写。</translation>
    </message>
    <message>
        <source>Choose the roster workbook</source>
        <translation>选择花名册文件</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.xlsm *.csv);;All files (*)</source>
        <translation>Excel 或 CSV (*.xlsx *.xlsm *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading “{file}”…</source>
        <translation>正在读取“{file}”…</translation>
    </message>
    <message>
        <source>Checking the rows again…</source>
        <translation>正在重新检查各行…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>The file could not be read: {error}</source>
        <translation>无法读取文件：{error}</translation>
    </message>
    <message>
        <source>Choose the file the roster is in.</source>
        <translation>请选择花名册所在的文件。</translation>
    </message>
    <message>
        <source>No roster header was found.</source>
        <translation>没有找到花名册表头。</translation>
    </message>
    <message>
        <source>Header found in row {rows} of sheet “{sheet}”.</source>
        <translation>表头在工作表“{sheet}”的第 {rows} 行。</translation>
    </message>
    <message>
        <source>Header found in row {rows}.</source>
        <translation>表头在第 {rows} 行。</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Row {row}: {reason}</source>
        <translation>第{row}行：{reason}</translation>
    </message>
    <message>
        <source>New department: {name}</source>
        <translation>新建部门：{name}</translation>
    </message>
    <message>
        <source>To import ({count})</source>
        <translation>可导入（{count}）</translation>
    </message>
    <message>
        <source>Refused ({count})</source>
        <translation>拒绝（{count}）</translation>
    </message>
    <message>
        <source>Departments and notes ({count})</source>
        <translation>部门与说明（{count}）</translation>
    </message>
    <message>
        <source>{good} people can be imported ({warned} with warnings to check); {rejected} rows are refused; {depts} new departments will be created.</source>
        <translation>可导入 {good} 人（其中 {warned} 人有提醒需核对）；拒绝 {rejected} 行；将新建部门 {depts} 个。</translation>
    </message>
    <message>
        <source>Import {count} people</source>
        <translation>导入 {count} 人</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Imported {count} people, refused {refused} rows.</source>
        <translation>导入 {count} 人，拒绝 {refused} 行。</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>Nothing was imported: {error}</source>
        <translation>未导入任何人员：{error}</translation>
    </message>
    <message>
        <source>Importing {count} people…</source>
        <translation>正在导入 {count} 人…</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>用工形式</translation>
    </message>
    <message>
        <source>Underground</source>
        <translation>入井</translation>
    </message>
    <message>
        <source>Start of work</source>
        <translation>参加工作时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>矿山</translation>
    </message>
    <message>
        <source>Search name, ID number or employee no.</source>
        <translation>搜索姓名、身份证号或工号</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Only people with problems</source>
        <translation>只看有问题的人员</translation>
    </message>
    <message>
        <source>People a check on 首页 finds something about</source>
        <translation>首页检查发现问题的人员</translation>
    </message>
    <message>
        <source>All mines</source>
        <translation>全部矿山</translation>
    </message>
    <message>
        <source>Search every mine&apos;s roster in this file; opening a person switches to his mine</source>
        <translation>在本数据库所有矿山的花名册中查找；打开某人时切换到其所在矿山</translation>
    </message>
    <message>
        <source>Add person…</source>
        <translation>新增人员…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>状态变更…</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>导入Excel…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Double-click a person to open the record. Click a column header to sort.</source>
        <translation>双击人员可打开其信息；点击列标题可排序。</translation>
    </message>
    <message>
        <source>{count} people</source>
        <translation>共 {count} 人</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All posts</source>
        <translation>全部岗位</translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation>检查未完成</translation>
    </message>
    <message>
        <source>The people with problems could not be worked out: {error}</source>
        <translation>未能查出有问题的人员：{error}</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export the roster</source>
        <translation>导出花名册</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>{count} people written to {path} (including those who left or moved).</source>
        <translation>已将 {count} 人（含调离、离职人员）写入 {path}。</translation>
    </message>
    <message>
        <source>Exporting the roster…</source>
        <translation>正在导出花名册…</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <source>The roster was not written: {error}</source>
        <translation>花名册未能写出：{error}</translation>
    </message>
</context>
<context>
    <name>SessionsTab</name>
    <message>
        <source>New drill…</source>
        <translation>新增演练…</translation>
    </message>
    <message>
        <source>A monthly hands-on drill (Ctrl+N)</source>
        <translation>月度实操培训（Ctrl+N）</translation>
    </message>
    <message>
        <source>New shift spot check…</source>
        <translation>新增班前抽查…</translation>
    </message>
    <message>
        <source>Results…</source>
        <translation>录入成绩…</translation>
    </message>
    <message>
        <source>Add or correct the chosen session&apos;s results (Enter)</source>
        <translation>补录或更正所选演练的成绩（回车）</translation>
    </message>
    <message>
        <source>Print sheet…</source>
        <translation>打印记录表…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Instructor / examiner</source>
        <translation>培训人/考核人</translation>
    </message>
    <message>
        <source>Training unit</source>
        <translation>自救器型号</translation>
    </message>
    <message>
        <source>Drilled</source>
        <translation>已培训</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Double-click a session (or press Enter) to add or correct its results.</source>
        <translation>双击一次演练（或按回车）补录或更正成绩。</translation>
    </message>
    <message>
        <source>All months</source>
        <translation>全部月份</translation>
    </message>
    <message>
        <source>{year}-{month:02}</source>
        <translation>{year}年{month:02}月</translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation>共{count}次</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>A new language applies the next time MineLedger starts.</source>
        <translation>更改的界面语言将在下次启动矿安台账时生效。</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Save operator</source>
        <translation>保存操作员</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>操作员姓名</translation>
    </message>
    <message>
        <source>Every change is recorded with this name and the time.</source>
        <translation>每一处修改都会记下此姓名和时间（留痕）。</translation>
    </message>
    <message>
        <source>Edit mine information…</source>
        <translation>编辑矿山信息…</translation>
    </message>
    <message>
        <source>Mine information</source>
        <translation>矿山信息</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Back up now to…</source>
        <translation>立即备份到…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation>自动备份文件夹</translation>
    </message>
    <message>
        <source>Newest backup</source>
        <translation>最新备份</translation>
    </message>
    <message>
        <source>MineLedger backs the database up automatically once a day when it starts. Copy a backup to a USB stick regularly, so the records survive a broken computer.</source>
        <translation>矿安台账每天启动时自动备份一次数据库。请定期把备份复制到U盘，电脑损坏时记录也不会丢失。</translation>
    </message>
    <message>
        <source>No backup yet</source>
        <translation>还没有备份</translation>
    </message>
    <message>
        <source>{path}  (made {when})</source>
        <translation>{path}（{when} 备份）</translation>
    </message>
    <message>
        <source>No mine yet.</source>
        <translation>还没有矿山。</translation>
    </message>
    <message>
        <source>(not filled in)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>{name} · {kind} · principal: {principal}</source>
        <translation>{name} · {kind} · 主要负责人：{principal}</translation>
    </message>
    <message>
        <source>Check the operator</source>
        <translation>请检查操作员</translation>
    </message>
    <message>
        <source>Operator name: please fill in your name; every change records who made it.</source>
        <translation>操作员姓名：请填写您的姓名，每一处修改都会记下是谁做的。</translation>
    </message>
    <message>
        <source>Choose the folder to back up into (e.g. a USB stick)</source>
        <translation>选择备份到哪个文件夹（例如U盘）</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Backed up (integrity checked): {path}</source>
        <translation>已备份（已通过完整性检查）：{path}</translation>
    </message>
    <message>
        <source>The backup was not made.</source>
        <translation>备份未完成。</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation>选择要恢复的备份文件</translation>
    </message>
    <message>
        <source>MineLedger backups (*.sqlite3 *.db);;All files (*)</source>
        <translation>矿安台账备份 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>All the data now in the database “{db}” will be replaced by the backup “{file}”.

The current data is first kept as a safety copy in “{safety}”, so this can be undone by restoring that copy.

Restore now?</source>
        <translation>数据库“{db}”中现有的全部数据将被备份“{file}”的内容替换。

恢复前会先把当前数据另存一份安全副本到“{safety}”，如需撤销，可再用该副本恢复。

现在恢复吗？</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>The previous data was kept as: {path}</source>
        <translation>恢复前的数据已另存为：{path}</translation>
    </message>
    <message>
        <source>Restored from {file}.</source>
        <translation>已从 {file} 恢复。</translation>
    </message>
    <message>
        <source>Not restored.</source>
        <translation>未恢复。</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <source>The current data was not changed.</source>
        <translation>当前数据没有任何改动。</translation>
    </message>
    <message>
        <source>Restoring from the backup…</source>
        <translation>正在从备份恢复…</translation>
    </message>
    <message>
        <source>Database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>MineLedger will close now.</source>
        <translation>矿安台账将关闭。</translation>
    </message>
</context>
<context>
    <name>StaffingTab</name>
    <message>
        <source>Post</source>
        <translation>职务/专业</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Core major</source>
        <translation>主体专业</translation>
    </message>
    <message>
        <source>Front-line years</source>
        <translation>一线从业年限</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>任职时间</translation>
    </message>
    <message>
        <source>Safety competence certificate</source>
        <translation>考核合格证号</translation>
    </message>
    <message>
        <source>Special training this year</source>
        <translation>年度专门培训</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>是否符合要求</translation>
    </message>
    <message>
        <source>Appoint…</source>
        <translation>任命…</translation>
    </message>
    <message>
        <source>Relieve of post…</source>
        <translation>免职…</translation>
    </message>
    <message>
        <source>Print staffing table…</source>
        <translation>打印配备情况表…</translation>
    </message>
    <message>
        <source>The verdict follows the same rules as the problems on Home and the printed table. Double-click a post to appoint its holder.</source>
        <translation>是否符合要求与首页的问题、打印的配备情况表按同一规则判定。双击岗位可任命任职人员。</translation>
    </message>
    <message>
        <source>No mine yet.</source>
        <translation>还没有矿山。</translation>
    </message>
    <message>
        <source>{kind}, qualification standard: {profile}.</source>
        <translation>{kind}，任职条件按{profile}：</translation>
    </message>
    <message>
        <source>Key posts</source>
        <translation>关键岗位配备</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Database in use</source>
        <translation>数据库正在使用</translation>
    </message>
    <message>
        <source>Database damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>No backup to restore it from was found. The file was not changed.</source>
        <translation>没有找到可用于恢复的备份。数据库文件未作任何改动。</translation>
    </message>
    <message>
        <source>Not a MineLedger database</source>
        <translation>不是矿安台账的数据库</translation>
    </message>
    <message>
        <source>Database from a newer version</source>
        <translation>数据库来自更新的版本</translation>
    </message>
    <message>
        <source>Database is read-only</source>
        <translation>数据库只读</translation>
    </message>
    <message>
        <source>Disk full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>Database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The folder of “{path}” cannot be written to, so no record could be saved there. Copy the file to a writable folder, or check the disk&apos;s permissions.</source>
        <translation>“{path}”所在的文件夹不能写入，记录无法保存在那里。请把文件复制到可写的文件夹，或检查磁盘权限。</translation>
    </message>
    <message>
        <source>The file “{path}” cannot be used: {error}</source>
        <translation>无法使用文件“{path}”：{error}</translation>
    </message>
    <message>
        <source>MineLedger will close now.</source>
        <translation>矿安台账将关闭。</translation>
    </message>
    <message>
        <source>The newest backup is “{path}” (made {when}). Restore the data from it?

The damaged file is kept as it is in “{safety}”; records entered after that backup are not in it.</source>
        <translation>最新的备份是“{path}”（{when} 备份）。要用它恢复数据吗？

损坏的文件会原样保存在“{safety}”中；该备份之后录入的记录不在备份里。</translation>
    </message>
    <message>
        <source>The database file was not changed.</source>
        <translation>数据库文件未作任何改动。</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Your name (every change is recorded with it):</source>
        <translation>您的姓名（每一处修改都会记下）：</translation>
    </message>
    <message>
        <source>Today&apos;s automatic backup failed: {error}</source>
        <translation>今天的自动备份失败：{error}</translation>
    </message>
    <message>
        <source>The data was restored from the backup “{path}”.</source>
        <translation>已从备份“{path}”恢复数据。</translation>
    </message>
    <message>
        <source>Restoring from the backup…</source>
        <translation>正在从备份恢复…</translation>
    </message>
</context>
<context>
    <name>StatsModel</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Rectified and closed</source>
        <translation>已整改销号</translation>
    </message>
    <message>
        <source>Not rectified</source>
        <translation>未整改</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Rectification rate</source>
        <translation>整改率</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>TrainingSessionDialog</name>
    <message>
        <source>Training record</source>
        <translation>培训记录</translation>
    </message>
    <message>
        <source>New training</source>
        <translation>新增培训</translation>
    </message>
    <message>
        <source>e.g. 2026 annual safety retraining (group 1)</source>
        <translation>如：2026年度从业人员安全再培训（第1期）</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 学时</translation>
    </message>
    <message>
        <source>Teacher or training body</source>
        <translation>授课人或培训单位</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>培训信息</translation>
    </message>
    <message>
        <source>Training name</source>
        <translation>培训名称</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Training kind</source>
        <translation>培训类别</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>授课人</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>培训内容</translation>
    </message>
    <message>
        <source>A saved session&apos;s particulars are kept as recorded; attendees and results can be added.</source>
        <translation>已保存培训的基本信息按原样保留；可以增加参训人员，登记或更正成绩。</translation>
    </message>
    <message>
        <source>Add whole department</source>
        <translation>添加整个部门</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Key scores</source>
        <translation>录入成绩</translation>
    </message>
    <message>
        <source>Start typing scores at the first person without one</source>
        <translation>从第一个还没有成绩的人开始录入</translation>
    </message>
    <message>
        <source>Type a score and press Enter to go to the next person. A blank score means not examined; 60 or more passes unless “Decide by hand” is ticked.</source>
        <translation>输入成绩后按回车跳到下一人。成绩留空表示未考核；60分及以上为合格，勾选“人工判定”的除外。</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人员</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Print sign-in sheet…</source>
        <translation>打印签到表…</translation>
    </message>
    <message>
        <source>Save the training first</source>
        <translation>请先保存培训</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name}（{count}人）</translation>
    </message>
    <message>
        <source>Everyone of {name} is already on the list.</source>
        <translation>{name}的人员已全部在名单中。</translation>
    </message>
    <message>
        <source>Not removed</source>
        <translation>未移除</translation>
    </message>
    <message>
        <source>{names}: already saved for this training, so kept in the record (留痕). Correct the result instead.</source>
        <translation>{names}已作为本次培训的参训人员保存，按留痕要求保留，不能移除；如有误请更正成绩。</translation>
    </message>
    <message>
        <source>{total} attendees: {passed} passed, {failed} failed, {blank} not examined.</source>
        <translation>参训{total}人：合格{passed}人，不合格{failed}人，未考核{blank}人。</translation>
    </message>
    <message>
        <source>No attendees</source>
        <translation>没有参训人员</translation>
    </message>
    <message>
        <source>No attendee is listed, so this training goes into nobody&apos;s file. Save it anyway?</source>
        <translation>没有登记参训人员，这次培训不会记入任何人的档案。仍然保存吗？</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Training name</source>
        <translation>培训名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人数</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>New training…</source>
        <translation>新增培训…</translation>
    </message>
    <message>
        <source>Open / key results…</source>
        <translation>打开/登记成绩…</translation>
    </message>
    <message>
        <source>Print sign-in sheet…</source>
        <translation>打印签到表…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Double-click a training to add attendees or key their scores.</source>
        <translation>双击培训可增加参训人员或录入成绩。</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>{count} trainings</source>
        <translation>共 {count} 次培训</translation>
    </message>
    <message>
        <source>Nobody is recorded at this training: it is in nobody&apos;s file.</source>
        <translation>这次培训没有登记参训人员，未记入任何人的档案。</translation>
    </message>
    <message>
        <source>Training records</source>
        <translation>培训记录</translation>
    </message>
</context>
<context>
    <name>ZeroReportDialog</name>
    <message>
        <source>File the zero report</source>
        <translation>报送零报告</translation>
    </message>
    <message>
        <source>The check of {year}-{month} found no major hazard. File the zero report for that month?</source>
        <translation>{year}年{month}月的排查未发现重大事故隐患。报送该月的零报告？</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>报送日期</translation>
    </message>
</context>
</TS>
