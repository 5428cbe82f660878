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
      <source>Not available yet</source>
      <translation>暂不可用</translation>
    </message>
    <message>
      <source>Records of this kind cannot be opened in this version yet.</source>
      <translation>本版本还不能打开这类记录。</translation>
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
      <source>It will hold: the roster of employees and each person's file (一人一档); the five positions and five specialties with their qualifications; safety competence and special operation certificates with their reviews; pre-job training and annual retraining hours; warnings before a certificate or training falls due.

The roster can already be printed in the Print center.</source>
      <translation>这里将用于：从业人员花名册和一人一档；“五职”矿长、“五科”专业技术人员的配备及任职资格；安全生产知识和管理能力考核合格证、特种作业操作证及其复审；岗前培训和年度再培训学时；证书或培训到期前的提醒。

从业人员花名册现在已可在“打印中心”打印。</translation>
    </message>
    <message>
      <source>Self-rescuer drills</source>
      <translation>自救器演练</translation>
    </message>
    <message>
      <source>It will hold: the monthly hands-on self-rescuer drill log of everyone who goes underground (blind donning within 30 seconds), the list of workers who missed or failed a drill and may not go underground, and the half-yearly emergency evacuation drills.</source>
      <translation>这里将用于：入井人员每月自救器实操培训记录（盲戴30秒内完成）；未参加或未通过演练、不得入井的人员名单；每半年一次的紧急撤离和逃生避险应急演练。</translation>
    </message>
    <message>
      <source>Hazard ledger</source>
      <translation>隐患台账</translation>
    </message>
    <message>
      <source>It will hold: the hazard investigation and rectification ledger — registering a hazard, the five fixes for a major hazard, rectification, acceptance and closing, with every step's trail; open major hazards counted down to zero, zero reports, and repeat hazards.</source>
      <translation>这里将用于：隐患排查治理台账——事故隐患登记、重大事故隐患“五落实”、整改、验收、销号，每一步都留痕；重大事故隐患动态清零、零报告，以及屡改屡犯的提示。</translation>
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
      <source>Every change is recorded with the operator's name and the time.</source>
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
      <source>Which qualification rules the checks apply: Shanxi's stricter notices, or the national baseline.</source>
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
      <source>The folder of “{path}” cannot be written to, so no record could be saved there. Copy the file to a writable folder, or check the disk's permissions.</source>
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
      <source>Today's automatic backup failed: {error}</source>
      <translation>今天的自动备份失败：{error}</translation>
    </message>
  </context>
</TS>
