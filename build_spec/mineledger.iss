; Inno Setup script: Windows installer for 矿安台账 MineLedger.
;
; Needs Inno Setup 6.3 or newer (x64compatible; UTF-8 script). Compile on Windows after the bundle is built:
;   python build_spec\build.py --installer
; or by hand, from the repository root:
;   iscc /DAppVersion=0.1.0 /DSourceDir=%CD%\dist\mineledger build_spec\mineledger.iss
; AppVersion defaults to the ProductVersion that mineledger.spec writes into mineledger.exe (= pyproject.toml).
;
; What it installs: the PyInstaller folder (mineledger.exe windowed, mineledger-cli.exe console, _internal\)
; into {autopf}\MineLedger — "C:\Program Files\MineLedger" for all users, or
; "%LOCALAPPDATA%\Programs\MineLedger" when the clerk installs for himself without administrator rights.
; What it never touches: the records. The app keeps its database, backups and settings in the user data
; folder (%LOCALAPPDATA%\MineLedger, or MINELEDGER_HOME), never in the program folder; the uninstaller
; removes only the program folder, so the ledgers survive uninstalling and upgrading.
;
; Languages: English is Inno Setup's Default.isl. Simplified Chinese is Languages\ChineseSimplified.isl: shipped
; with Inno Setup only in recent releases, before that an unofficial translation
; (https://jrsoftware.org/files/istrans/) to copy into the compiler's Languages folder. The installer gets the
; Chinese wizard only if that file is present; otherwise the compiler prints a warning and builds English only.

#if VER < EncodeVer(6,3,0)
  #error Inno Setup 6.3 or newer is required to compile this script
#endif

#define AppName "矿安台账 MineLedger"
#define AppExe "mineledger.exe"
#define AppPublisher "MineLedger"

#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\dist\mineledger"
#endif
#if !FileExists(AddBackslash(SourceDir) + AppExe)
  #error The bundle is missing: build it first (python build_spec\build.py) or pass /DSourceDir=<folder with mineledger.exe>
#endif

#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AddBackslash(SourceDir) + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error No version: pass /DAppVersion=x.y.z (the version in pyproject.toml)
#endif
#define AppVersionNumbers GetVersionNumbersString(AddBackslash(SourceDir) + AppExe)

#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
#if !HaveChinese
  #pragma warning "Languages\ChineseSimplified.isl is not in this Inno Setup: the installer will be English only"
#endif

[Setup]
; AppId identifies the product to Windows for upgrades and uninstall: never change it.
AppId={{6F3C2A9E-8B1D-4E57-9A0C-2D4B7E1F5A63}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
#if AppVersionNumbers != ""
VersionInfoVersion={#AppVersionNumbers}
#endif
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
DefaultDirName={autopf}\MineLedger
DisableProgramGroupPage=yes
; Administrators install for everyone; a clerk without admin rights can still install for himself.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
UsePreviousPrivileges=yes
; The bundle is 64-bit Python + Qt 6, which needs Windows 10 1809 or newer.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; Close a running MineLedger (Restart Manager) before replacing its files.
CloseApplications=yes
RestartApplications=no
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Relative to this script's folder; build.py passes /O<dist>\installer.
OutputDir=..\dist\installer
OutputBaseFilename=MineLedger-{#AppVersion}-setup
#if FileExists(AddBackslash(SourcePath) + "..\resources\icons\mineledger.ico")
SetupIconFile=..\resources\icons\mineledger.ico
#endif

[Languages]
#if HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DataKept=Your ledgers (database, backups, settings) are kept in %1 and are not removed.
#if HaveChinese
chinesesimplified.DataKept=台账数据（数据库、备份和设置）保存在 %1，卸载时不会删除。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole runtime, so no library or migration of an older version lingers beside the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\矿安台账"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppName}"
Name: "{autodesktop}\矿安台账"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder: files Python or Qt may have written next to the program (caches). Never user data.
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Code]
// After uninstalling, tell the clerk where the ledgers still are (the app's default data folder).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    DataDir := ExpandConstant('{localappdata}\MineLedger');
    if DirExists(DataDir) then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
