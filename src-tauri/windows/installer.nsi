; The Windows installer: 积分簿-安装-<version>.exe, built by scripts/windows.sh
; with Debian's makensis. Chinese throughout; installs for the current user
; without administrator rights; uninstalling removes the program and keeps
; every book and backup (they live in 文档 and the app's data folder, which
; this script never touches).
;
; makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSTAGE=<folder> -DOUT=<file.exe>
; STAGE holds what gets installed: jifenbu-app.exe, jifenbu.exe,
; WebView2Loader.dll, 使用说明.txt and fonts\.

Unicode true
; A 64-bit installer for a 64-bit program; Windows 7 x64 still runs it far
; enough to hear why it stops.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh

!define APP "积分簿"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Jifenbu"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_SETUP "MicrosoftEdgeWebView2RuntimeInstallerX64.exe"

Name "${APP}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP}安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT"

!define MUI_ICON "${STAGE}\icon.ico"
!define MUI_UNICON "${STAGE}\icon.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\jifenbu-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "打开积分簿"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; WebView2 stopped supporting Windows 7 and 8 in 2023: the window cannot
; run there, so the installer says so and stops.
Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "积分簿需要 Windows 10 或 Windows 11。$\r$\n$\r$\n积分簿的窗口要用微软的 WebView2 运行库，微软已不再为 Windows 7 和 Windows 8 提供它，所以不能在这台电脑上安装。$\r$\n$\r$\n请换一台 Windows 10 或 11 的电脑，或使用装有统信 UOS、麒麟等系统的电脑（用 .deb 安装包）。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; Where WebView2 is missing, run Microsoft's offline installer if the
; technician put it beside this one; otherwise say where to get it. The
; command line works without it, so the installation goes on either way.
Function WebView2
  ; Machine-wide, WebView2 registers in the 32-bit view of the registry.
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    Return
  ${EndIf}
  ${If} ${FileExists} "$EXEDIR\${WEBVIEW2_SETUP}"
    DetailPrint "正在安装 Microsoft Edge WebView2 运行库…"
    ExecWait '"$EXEDIR\${WEBVIEW2_SETUP}" /silent /install' $1
    ${If} $1 == 0
      Return
    ${EndIf}
  ${EndIf}
  MessageBox MB_OK|MB_ICONEXCLAMATION "这台电脑缺少 Microsoft Edge WebView2 运行库，积分簿的窗口要用它才能打开（命令行程序 jifenbu.exe 不需要）。$\r$\n$\r$\n请把微软的离线安装包 ${WEBVIEW2_SETUP} 复制到本安装程序旁边后重新安装，或直接运行它。它可以在另一台联网的电脑上从微软网站（搜索“WebView2 下载”，选“独立安装程序 x64”）取得。" /SD IDOK
FunctionEnd

Section "${APP}"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\jifenbu-app.exe"
  File "${STAGE}\jifenbu.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\使用说明.txt"
  File "${STAGE}\icon.ico"
  SetOutPath "$INSTDIR\fonts"
  File "${STAGE}\fonts\*.*"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\卸载积分簿.exe"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\jifenbu-app.exe" "" "$INSTDIR\icon.ico"
  CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\jifenbu-app.exe" "" "$INSTDIR\icon.ico"

  ; A book (.jfb) opens in 积分簿 by double-click.
  WriteRegStr HKCU "Software\Classes\.jfb" "" "Jifenbu.Book"
  WriteRegStr HKCU "Software\Classes\Jifenbu.Book" "" "积分簿文件"
  WriteRegStr HKCU "Software\Classes\Jifenbu.Book\DefaultIcon" "" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "Software\Classes\Jifenbu.Book\shell\open\command" "" '"$INSTDIR\jifenbu-app.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "积分簿"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\卸载积分簿.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\卸载积分簿.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  Call WebView2
SectionEnd

; Only what the installer put there goes: books, backups and the app's
; data folder stay, whatever folder they are in.
Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\jifenbu-app.exe"
  Delete "$INSTDIR\jifenbu.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\使用说明.txt"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\fonts\NotoSansSC-Regular.ttf"
  Delete "$INSTDIR\fonts\BabelStoneHan.ttf"
  Delete "$INSTDIR\fonts\OFL.txt"
  Delete "$INSTDIR\fonts\BabelStoneHan-copyright.txt"
  RMDir "$INSTDIR\fonts"
  Delete "$INSTDIR\卸载积分簿.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  DeleteRegKey HKCU "Software\Classes\Jifenbu.Book"
  ReadRegStr $0 HKCU "Software\Classes\.jfb" ""
  ${If} $0 == "Jifenbu.Book"
    DeleteRegKey HKCU "Software\Classes\.jfb"
  ${EndIf}
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
