; perfdesk-setup.exe: installs dist-windows\perfdesk for the current user, without
; administrator rights, into %LOCALAPPDATA%\Programs\perfdesk; a Start-menu entry; .perfdesk
; files open in perfdesk on a double click; an uninstaller listed in 应用和功能.
; Built by build/windows.sh:  makensis -DAPPDIR=dist-windows/perfdesk -DVERSION=0.1.0
;       -DICON=resources/icons/perfdesk.ico -DOUTFILE=dist-windows/perfdesk-setup.exe perfdesk.nsi
; Silent: perfdesk-setup.exe /S [/D=FOLDER];  uninstall.exe /S
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!define MUI_ICON "${ICON}"      ; perfdesk's icon (tools/make_icon.py), as on perfdesk.exe
!define MUI_UNICON "${ICON}"
!include "MUI2.nsh"

!define APP_NAME "绩效自评表"
!define REG_UNINSTALL "Software\Microsoft\Windows\CurrentVersion\Uninstall\perfdesk"
!define PROG_ID "perfdesk.file"

Name "${APP_NAME} perfdesk ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\perfdesk"
InstallDirRegKey HKCU "${REG_UNINSTALL}" "InstallLocation"
BrandingText "perfdesk ${VERSION}"

!define MUI_FINISHPAGE_RUN "$INSTDIR\perfdesk.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "perfdesk"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${APPDIR}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\perfdesk.exe" "" "$INSTDIR\perfdesk.exe" 0

  ; .perfdesk -> perfdesk.file -> perfdesk.exe "%1" (per user: HKCU\Software\Classes)
  WriteRegStr HKCU "Software\Classes\.perfdesk" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "绩效自评部门文件"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\perfdesk.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\perfdesk.exe" "%1"'

  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayName" "${APP_NAME} perfdesk"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "Publisher" "perfdesk"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayIcon" "$INSTDIR\perfdesk.exe"
  WriteRegStr HKCU "${REG_UNINSTALL}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${REG_UNINSTALL}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${REG_UNINSTALL}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "NoModify" 1
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "NoRepair" 1
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "EstimatedSize" ${SIZE_KB}
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Only what the installer put there: a folder chosen with /D may hold other files.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\perfdesk.exe"
  Delete "$INSTDIR\perfdesk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  ReadRegStr $0 HKCU "Software\Classes\.perfdesk" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.perfdesk"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  DeleteRegKey HKCU "${REG_UNINSTALL}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
