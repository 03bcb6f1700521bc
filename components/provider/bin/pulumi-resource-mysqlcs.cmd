@echo off
rem pulumi-resource-mysqlcs.cmd [flags] [engine-address]
rem The Windows twin of pulumi-resource-mysqlcs (bash), found by the engine beside it (pulumi/pulumi
rem sdk/go/common/workspace/plugins.go: candidate extensions .exe and .cmd on Windows). Same logic: build on first use
rem or when sources changed, one class-data archive per JVM, JVM logging on stderr, only the port line on stdout, and
rem the decrypted stack config the engine passes (PULUMI_CONFIG) kept from the JVM and its children.
rem PowerShell (in every Windows) compares file times; no parenthesized block holds a quoted command.
setlocal
set "PULUMI_CONFIG="
set "PULUMI_CONFIG_SECRET_KEYS="
set "bin=%~dp0"
set "bin=%bin:~0,-1%"
for %%d in ("%bin%\..") do set "module=%%~fd"
for %%d in ("%module%\..\..") do set "root=%%~fd"
set "target=%module%\target"

call :find_jar
set "build=0"
if not defined jar set "build=1"
if not exist "%target%\lib\" set "build=1"
if "%build%"=="1" goto build
powershell -NoProfile -NonInteractive -Command "$j = (Get-Item -LiteralPath $env:jar).LastWriteTimeUtc; $f = @(Get-ChildItem -Recurse -File -LiteralPath ($env:module + '\src\main'), ($env:root + '\components\core\src\main')) + @(Get-Item -LiteralPath ($env:module + '\pom.xml'), ($env:root + '\components\core\pom.xml'), ($env:root + '\pom.xml')); if ($f | Where-Object { $_.LastWriteTimeUtc -gt $j } | Select-Object -First 1) { exit 1 } else { exit 0 }"
if errorlevel 1 set "build=1"
:build
if "%build%"=="0" goto built
echo pulumi-resource-mysqlcs: building the provider (first use or sources changed)... 1>&2
pushd "%root%"
call mvnw.cmd -q -B -Dmaven.test.skip=true package -pl components/provider -am 1>&2
if errorlevel 1 goto build_failed
popd
call :find_jar
:built

set "java="
if defined JAVA_HOME set "java=%JAVA_HOME%\bin\java.exe"
if not defined java for /f "delims=" %%j in ('where java') do if not defined java set "java=%%~fj"
rem pulumi-java#2270: hangs on 2 cores under JDK 25. A plugin must start fast. JVM logging (default: warnings to
rem stdout) goes to stderr, never before the port line; an archive of another JVM is ignored without a word.
set flags=-Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds=off:stderr -Xlog:cds+dynamic=off:stderr -Dslf4j.internal.verbosity=ERROR
rem The jar's manifest lists the exact target\lib jars of this build.
set "cp=%jar%"

rem One class-data archive per JVM: keyed on the JVM's installation (its release file) and path.
for %%d in ("%java%\..\..") do set "release=%%~fd\release"
set "vm=jvm"
if exist "%release%" for /f "tokens=2 delims==" %%v in ('findstr /b "JAVA_RUNTIME_VERSION=" "%release%"') do set "vm=%%~v"
set "key=0"
for /f "usebackq delims=" %%k in (`powershell -NoProfile -NonInteractive -Command "$s = $env:java; if (Test-Path -LiteralPath $env:release) { $s += Get-Content -Raw -LiteralPath $env:release }; $h = [Security.Cryptography.SHA256]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($s)); -join ($h[0..3] | ForEach-Object { $_.ToString('x2') })"`) do set "key=%%k"
set "cds=%target%\cds\mysqlcs-provider-%vm%-%key%.jsa"
set "train=0"
if not exist "%cds%" set "train=1"
if "%train%"=="1" goto train
powershell -NoProfile -NonInteractive -Command "if ((Get-Item -LiteralPath $env:jar).LastWriteTimeUtc -gt (Get-Item -LiteralPath $env:cds).LastWriteTimeUtc) { exit 1 } else { exit 0 }"
if errorlevel 1 set "train=1"
:train
if "%train%"=="0" goto trained
rem Training run: start, print the port, exit; the JVM archives every class it loaded on the way.
if not exist "%target%\cds\" mkdir "%target%\cds"
"%java%" %flags% -XX:ArchiveClassesAtExit="%cds%.tmp" -cp "%cp%" dev.mysqlcs.provider.ProviderMain --train >nul 2>&1
if exist "%cds%.tmp" move /y "%cds%.tmp" "%cds%" >nul
:trained
if exist "%cds%" set flags=%flags% -XX:SharedArchiveFile="%cds%"
"%java%" %flags% -cp "%cp%" dev.mysqlcs.provider.ProviderMain %*
exit /b %ERRORLEVEL%

:build_failed
popd
exit /b 1

:find_jar
set "jar="
for %%j in ("%target%\mysqlcs-provider-*.jar") do call :take_jar "%%~fj" "%%~nj"
exit /b 0

:take_jar
echo %~2| findstr /e /c:"-tests" >nul && exit /b 0
set "jar=%~1"
exit /b 0
