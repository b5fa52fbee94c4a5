<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>CurrentCallPanel</name>
    <message>
        <source>Chamando novamente</source>
        <translation>Llamando de nuevo</translation>
    </message>
    <message>
        <source>Senha</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Aguarde: sua senha aparecerá aqui</source>
        <translation>Espere: su turno aparecerá aquí</translation>
    </message>
</context>
<context>
    <name>EnrolmentScreen</name>
    <message>
        <source>TV registrada.</source>
        <translation>TV registrada.</translation>
    </message>
    <message>
        <source>Totem registrado.</source>
        <translation>Tótem registrado.</translation>
    </message>
    <message>
        <source>Clinico — registro do aparelho</source>
        <translation>Clinico — registro del equipo</translation>
    </message>
    <message>
        <source>Esta TV ainda não está registrada.</source>
        <translation>Esta TV todavía no está registrada.</translation>
    </message>
    <message>
        <source>Este totem ainda não está registrado.</source>
        <translation>Este tótem todavía no está registrado.</translation>
    </message>
    <message>
        <source>Peça à equipe de TI para digitar este código no console:</source>
        <translation>Pida al equipo de TI que escriba este código en la consola:</translation>
    </message>
    <message>
        <source>Pedindo um código ao servidor %1…</source>
        <translation>Pidiendo un código al servidor %1…</translation>
    </message>
    <message>
        <source>O servidor %1 não respondeu (%2). Tentando de novo…</source>
        <translation>El servidor %1 no respondió (%2). Intentando de nuevo…</translation>
    </message>
    <message>
        <source>O registro foi recusado no console. Um código novo aparece em instantes.</source>
        <translation>El registro fue rechazado en la consola. En un momento aparece un código nuevo.</translation>
    </message>
    <message>
        <source>Registrado como “%1”. Iniciando…</source>
        <translation>Registrado como “%1”. Iniciando…</translation>
    </message>
    <message>
        <source>No console (%1/desk/): Administração → Registrar aparelho por código. O código vale 15 minutos; depois aparece outro sozinho.</source>
        <translation>En la consola (%1/desk/): Administração → Registrar aparelho por código. El código vale 15 minutos; después aparece otro solo.</translation>
    </message>
    <message>
        <source>Nome deste aparelho na rede: %1</source>
        <translation>Nombre de este equipo en la red: %1</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Últimas chamadas</source>
        <translation>Últimos llamados</translation>
    </message>
    <message>
        <source>chamada repetida</source>
        <translation>llamado repetido</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Clinico — painel de chamadas</source>
        <translation>Clinico — panel de llamados</translation>
    </message>
</context>
<context>
    <name>OfflineSign</name>
    <message>
        <source>Sem conexão</source>
        <translation>Sin conexión</translation>
    </message>
</context>
<context>
    <name>TvApp</name>
    <message>
        <source>token recusado pelo servidor</source>
        <translation>token rechazado por el servidor</translation>
    </message>
    <message>
        <source>servidor ou token não configurado</source>
        <translation>servidor o token no configurado</translation>
    </message>
</context>
</TS>
