<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="pt_BR">
<context>
    <name>AppointmentScreen</name>
    <message>
        <location filename="../../qml/totem/AppointmentScreen.qml" line="35"/>
        <source>Confirmar chegada</source>
        <translation>Confirmar llegada</translation>
    </message>
    <message>
        <location filename="../../qml/totem/AppointmentScreen.qml" line="44"/>
        <source>Pegar senha para outro serviço</source>
        <translation>Sacar turno para otro servicio</translation>
    </message>
    <message>
        <location filename="../../qml/totem/AppointmentScreen.qml" line="56"/>
        <source>Voltar</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location filename="../../qml/totem/AppointmentScreen.qml" line="56"/>
        <source>Entendi</source>
        <translation>Entendido</translation>
    </message>
</context>
<context>
    <name>CpfScreen</name>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="21"/>
        <source>Digite seu CPF</source>
        <translation>Ingrese su CPF</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="22"/>
        <source>para retirar sua senha</source>
        <translation>para retirar su turno</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="77"/>
        <source>Só os números. Seu CPF não aparece na senha nem na TV.</source>
        <translation>Solo los números. Su CPF no aparece en el turno ni en la TV.</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="99"/>
        <source>Desligar instruções faladas</source>
        <translation>Apagar instrucciones habladas</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="99"/>
        <source>Ouvir instruções</source>
        <translation>Escuchar instrucciones</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="129"/>
        <source>Voltar às letras normais</source>
        <translation>Volver a las letras normales</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="129"/>
        <source>Letras grandes e alto contraste</source>
        <translation>Letras grandes y alto contraste</translation>
    </message>
</context>
<context>
    <name>EnrolmentScreen</name>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="41"/>
        <source>TV registrada.</source>
        <translation>TV registrada.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="41"/>
        <source>Totem registrado.</source>
        <translation>Tótem registrado.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="23"/>
        <source>Clinico — registro do aparelho</source>
        <translation>Clinico — registro del equipo</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="42"/>
        <source>Esta TV ainda não está registrada.</source>
        <translation>Esta TV todavía no está registrada.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="43"/>
        <source>Este totem ainda não está registrado.</source>
        <translation>Este tótem todavía no está registrado.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="51"/>
        <source>Peça à equipe de TI para digitar este código no console:</source>
        <translation>Pida al equipo de TI que escriba este código en la consola:</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="76"/>
        <source>Pedindo um código ao servidor %1…</source>
        <translation>Pidiendo un código al servidor %1…</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="77"/>
        <source>O servidor %1 não respondeu (%2). Tentando de novo…</source>
        <translation>El servidor %1 no respondió (%2). Intentando de nuevo…</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="79"/>
        <source>O registro foi recusado no console. Um código novo aparece em instantes.</source>
        <translation>El registro fue rechazado en la consola. En un momento aparece un código nuevo.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="80"/>
        <source>Registrado como “%1”. Iniciando…</source>
        <translation>Registrado como “%1”. Iniciando…</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="81"/>
        <source>No console (%1/desk/): Administração → Registrar aparelho por código. O código vale 15 minutos; depois aparece outro sozinho.</source>
        <translation>En la consola (%1/desk/): Administração → Registrar aparelho por código. El código vale 15 minutos; después aparece otro solo.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="91"/>
        <source>Nome deste aparelho na rede: %1</source>
        <translation>Nombre de este equipo en la red: %1</translation>
    </message>
</context>
<context>
    <name>IssuingScreen</name>
    <message>
        <location filename="../../qml/totem/IssuingScreen.qml" line="17"/>
        <source>Emitindo sua senha…</source>
        <translation>Emitiendo su turno…</translation>
    </message>
    <message>
        <location filename="../../qml/totem/IssuingScreen.qml" line="18"/>
        <source>Só um instante</source>
        <translation>Un momento</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../qml/totem/Keypad.qml" line="11"/>
        <source>Confirmar</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location filename="../../qml/totem/Keypad.qml" line="43"/>
        <source>Limpar</source>
        <translation>Borrar todo</translation>
    </message>
    <message>
        <location filename="../../qml/totem/Keypad.qml" line="65"/>
        <source>Apagar</source>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/totem/Main.qml" line="16"/>
        <source>Clinico — Totem de senhas</source>
        <translation>Clinico — Tótem de turnos</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="37"/>
        <source>Manutenção do totem</source>
        <translation>Mantenimiento del tótem</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="40"/>
        <source>Servidor</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="41"/>
        <source>conectado</source>
        <translation>conectado</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="41"/>
        <source>sem conexão</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="45"/>
        <source>Senhas a enviar</source>
        <translation>Turnos por enviar</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="49"/>
        <source>Impressora</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="54"/>
        <source>Versão</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="59"/>
        <source>Erros recentes</source>
        <translation>Errores recientes</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="72"/>
        <source>Nenhum</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="96"/>
        <source>Imprimir senha de teste</source>
        <translation>Imprimir turno de prueba</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="102"/>
        <source>Sair</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../qml/totem/OutOfServiceScreen.qml" line="13"/>
        <source>Totem temporariamente fora de serviço</source>
        <translation>Tótem temporalmente fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../qml/totem/OutOfServiceScreen.qml" line="14"/>
        <source>Por favor, procure a recepção para retirar sua senha.</source>
        <translation>Por favor, diríjase a la recepción para retirar su turno.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../qml/totem/PinDialog.qml" line="23"/>
        <source>PIN incorreto</source>
        <translation>PIN incorrecto</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PinDialog.qml" line="23"/>
        <source>PIN de manutenção</source>
        <translation>PIN de mantenimiento</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PinDialog.qml" line="40"/>
        <source>Entrar</source>
        <translation>Entrar</translation>
    </message>
</context>
<context>
    <name>PriorityScreen</name>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="15"/>
        <source>Atendimento preferencial?</source>
        <translation>¿Atención preferencial?</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="23"/>
        <source>Não, atendimento normal</source>
        <translation>No, atención normal</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="33"/>
        <source>Sim, sou (ou acompanho):</source>
        <translation>Sí, soy (o acompaño a):</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="102"/>
        <source>Conforme seu cadastro</source>
        <translation>Según su registro</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="44"/>
        <location filename="../../qml/totem/PriorityScreen.qml" line="119"/>
        <source>Voltar</source>
        <translation>Volver</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../../qml/totem/ServiceScreen.qml" line="12"/>
        <source>Qual atendimento você procura?</source>
        <translation>¿Qué atención busca?</translation>
    </message>
    <message>
        <location filename="../../qml/totem/ServiceScreen.qml" line="13"/>
        <source>Toque em uma opção</source>
        <translation>Toque una opción</translation>
    </message>
    <message>
        <location filename="../../qml/totem/ServiceScreen.qml" line="45"/>
        <source>Voltar</source>
        <translation>Volver</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="23"/>
        <source>Não foi possível emitir sua senha</source>
        <translation>No fue posible emitir su turno</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="28"/>
        <source>Por favor, procure a recepção.</source>
        <translation>Por favor, diríjase a la recepción.</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="70"/>
        <source>Anote sua senha</source>
        <translation>Anote su turno</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="71"/>
        <source>Imprimindo sua senha…</source>
        <translation>Imprimiendo su turno…</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="72"/>
        <source>Retire sua senha abaixo</source>
        <translation>Retire su turno abajo</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="98"/>
        <source>Sua senha</source>
        <translation>Su turno</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="138"/>
        <source>1 pessoa na sua frente</source>
        <translation>1 persona delante de usted</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="139"/>
        <source>%1 pessoas na sua frente</source>
        <translation>%1 personas delante de usted</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="140"/>
        <source>cerca de 1 minuto</source>
        <translation>cerca de 1 minuto</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="141"/>
        <source>cerca de %1 minutos</source>
        <translation>cerca de %1 minutos</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="142"/>
        <source>Você é a próxima pessoa</source>
        <translation>Usted es la próxima persona</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="179"/>
        <source>A impressora não funcionou. Anote ou fotografe sua senha e aguarde a chamada pela TV.</source>
        <translation>La impresora no funcionó. Anote o fotografíe su turno y espere el llamado en la TV.</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="180"/>
        <source>Aguarde a chamada pela TV</source>
        <translation>Espere el llamado en la TV</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="195"/>
        <source>Esta tela fecha em 1 segundo</source>
        <translation>Esta pantalla se cierra en 1 segundo</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="196"/>
        <source>Esta tela fecha em %1 segundos</source>
        <translation>Esta pantalla se cierra en %1 segundos</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="211"/>
        <source>Preciso de mais tempo</source>
        <translation>Necesito más tiempo</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="156"/>
        <source>Você já tinha esta senha: é a mesma, impressa de novo.</source>
        <translation>Usted ya tenía este turno: es el mismo, impreso de nuevo.</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="39"/>
        <location filename="../../qml/totem/TicketScreen.qml" line="221"/>
        <source>Pronto</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>clinico::totem::AudioGuide</name>
    <message>
        <location filename="../guide/audioguide.cpp" line="73"/>
        <source>Instruções faladas ligadas.</source>
        <translation>Instrucciones habladas activadas.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="75"/>
        <source>Instruções faladas desligadas.</source>
        <translation>Instrucciones habladas desactivadas.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="106"/>
        <source>Totem temporariamente fora de serviço. Por favor, procure a recepção para retirar sua senha.</source>
        <translation>Tótem temporalmente fuera de servicio. Por favor, diríjase a la recepción para obtener su turno.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="111"/>
        <source>Cada número digitado será repetido no fone de ouvido.</source>
        <translation>Cada número que escriba se repetirá en los auriculares.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="112"/>
        <source>Para sua privacidade, os números não são falados em voz alta: a cada tecla, digo quantos faltam.</source>
        <translation>Por su privacidad, los números no se dicen en voz alta: con cada tecla, digo cuántos faltan.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="114"/>
        <source>Digite seu CPF para retirar sua senha: são 11 números, no teclado numérico. Na última fileira do teclado, Limpar apaga tudo e Apagar apaga o último número. Depois, toque em Confirmar, o botão largo embaixo do teclado, ou aperte Enter.</source>
        <translation>Escriba su CPF para obtener su turno: son 11 números, en el teclado numérico. En la última fila del teclado, Borrar todo borra todos los números y Borrar borra el último. Después, toque Confirmar, el botón ancho debajo del teclado, o pulse Enter.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="123"/>
        <source>Qual atendimento você procura? As opções são: %1. Toque na opção, ou use as setas do teclado para ouvir cada uma e aperte Enter para escolher. Voltar fica no canto de baixo, à esquerda.</source>
        <translation>¿Qué atención busca? Las opciones son: %1. Toque una opción, o use las flechas del teclado para escuchar cada una y pulse Enter para elegir. Volver está en la esquina inferior izquierda.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="132"/>
        <source>Atendimento preferencial? Se não tiver direito, toque no primeiro botão, no alto: Não, atendimento normal. Se tiver, toque no seu grupo, abaixo. Os grupos são: %1 Use as setas do teclado para ouvir cada opção e aperte Enter para escolher.</source>
        <translation>¿Atención preferente? Si no tiene derecho, toque el primer botón, arriba: No, atención normal. Si lo tiene, toque su grupo, abajo. Los grupos son: %1 Use las flechas del teclado para escuchar cada opción y pulse Enter para elegir.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="140"/>
        <source>O botão largo, no alto, confirma a chegada. Abaixo dele, Pegar senha para outro serviço.</source>
        <translation>El botón ancho, arriba, confirma la llegada. Debajo: Sacar turno para otro servicio.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="142"/>
        <source>Para outro atendimento, toque em Pegar senha para outro serviço.</source>
        <translation>Para otra atención, toque Sacar turno para otro servicio.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="144"/>
        <source>Emitindo sua senha. Aguarde um momento.</source>
        <translation>Emitiendo su turno. Espere un momento.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="147"/>
        <source>Não foi possível emitir sua senha: %1. Por favor, procure a recepção.</source>
        <translation>No se pudo emitir su turno: %1. Por favor, diríjase a la recepción.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="149"/>
        <source>Sua senha é %1. Repetindo: %1.</source>
        <translation>Su turno es %1. Repito: %1.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="150"/>
        <source>Aguarde na sala de espera: sua senha será chamada na TV, em voz alta.</source>
        <translation>Espere en la sala de espera: su turno se llamará en la TV, en voz alta.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="153"/>
        <source>A impressora não funcionou: anote ou fotografe sua senha, %1.</source>
        <translation>La impresora no funcionó: anote o fotografíe su turno, %1.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="154"/>
        <source>Retire a senha impressa na saída da impressora.</source>
        <translation>Retire su turno impreso de la impresora.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="156"/>
        <source>Se precisar de mais tempo, toque em Preciso de mais tempo; quando terminar, toque em Pronto.</source>
        <translation>Si necesita más tiempo, toque Necesito más tiempo; cuando termine, toque Listo.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="172"/>
        <source>CPF completo. Toque em Confirmar, ou aperte Enter</source>
        <translation>CPF completo. Toque Confirmar, o pulse Enter</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="178"/>
        <source>%1. Você digitou: %2. %3.</source>
        <translation>%1. Usted escribió: %2. %3.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="182"/>
        <source>Apagar.</source>
        <translation>Borrar.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="184"/>
        <source>Limpar. Todos os números foram apagados.</source>
        <translation>Borrar todo. Se borraron todos los números.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="186"/>
        <source>Confirmar.</source>
        <translation>Confirmar.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="202"/>
        <source>prioridade especial, chamada antes dos outros atendimentos preferenciais.</source>
        <translation>prioridad especial, llamada antes que los demás turnos preferentes.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="203"/>
        <source>pessoa idosa.</source>
        <translation>persona mayor.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="204"/>
        <source>durante a gravidez.</source>
        <translation>durante el embarazo.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="205"/>
        <source>quem amamenta um bebê.</source>
        <translation>quien amamanta a un bebé.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="206"/>
        <source>quem está com uma criança pequena no colo.</source>
        <translation>quien lleva a un niño pequeño en brazos.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="208"/>
        <source>deficiência física, visual, auditiva, intelectual ou múltipla, ou quem acompanha essa pessoa.</source>
        <translation>discapacidad física, visual, auditiva, intelectual o múltiple, o quien acompaña a esa persona.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="211"/>
        <source>transtorno do espectro autista, ou quem acompanha essa pessoa.</source>
        <translation>trastorno del espectro autista, o quien acompaña a esa persona.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="212"/>
        <source>dificuldade para andar ou ficar em pé.</source>
        <translation>dificultad para caminar o estar de pie.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="215"/>
        <source>Não, atendimento normal.</source>
        <translation>No, atención normal.</translation>
    </message>
</context>
<context>
    <name>clinico::totem::ServerSync</name>
    <message>
        <location filename="../issuing/serversync.cpp" line="140"/>
        <source>Senha %1 recusada pelo servidor: %2</source>
        <translation>Turno %1 rechazado por el servidor: %2</translation>
    </message>
    <message>
        <location filename="../issuing/serversync.cpp" line="156"/>
        <source>Não consegui ler os serviços do servidor: %1</source>
        <translation>No se pudieron leer los servicios del servidor: %1</translation>
    </message>
    <message>
        <location filename="../issuing/serversync.cpp" line="200"/>
        <source>Não consegui reservar números para uso offline: %1</source>
        <translation>No se pudieron reservar números para uso sin conexión: %1</translation>
    </message>
    <message>
        <location filename="../issuing/serversync.cpp" line="274"/>
        <source>Servidor não respondeu: %1</source>
        <translation>El servidor no respondió: %1</translation>
    </message>
</context>
<context>
    <name>clinico::totem::TicketIssuer</name>
    <message>
        <location filename="../issuing/ticketissuer.cpp" line="60"/>
        <source>Este serviço não está disponível agora.</source>
        <translation>Este servicio no está disponible ahora.</translation>
    </message>
    <message>
        <location filename="../issuing/ticketissuer.cpp" line="52"/>
        <source>Não foi possível emitir sua senha neste totem. Por favor, procure a recepção.</source>
        <translation>No fue posible emitir su turno en este tótem. Por favor, diríjase a la recepción.</translation>
    </message>
</context>
<context>
    <name>clinico::totem::TotemFlow</name>
    <message>
        <location filename="../flow/totemflow.cpp" line="110"/>
        <source>Falta 1 número</source>
        <translation>Falta 1 número</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="110"/>
        <source>Faltam %1 números</source>
        <translation>Faltan %1 números</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="129"/>
        <source>80 anos ou mais</source>
        <translation>80 años o más</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="130"/>
        <source>60 anos ou mais</source>
        <translation>60 años o más</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="131"/>
        <source>Gestante</source>
        <translation>Embarazada</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="132"/>
        <source>Lactante</source>
        <translation>Lactante</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="133"/>
        <source>Criança de colo</source>
        <translation>Con niño en brazos</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="134"/>
        <source>Pessoa com deficiência</source>
        <translation>Persona con discapacidad</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="135"/>
        <source>Autismo (TEA)</source>
        <translation>Autismo (TEA)</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="136"/>
        <source>Obesidade ou mobilidade reduzida</source>
        <translation>Obesidad o movilidad reducida</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="159"/>
        <source>Preferencial 80+</source>
        <translation>Preferencial 80+</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="161"/>
        <source>Preferencial</source>
        <translation>Preferencial</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="226"/>
        <location filename="../flow/totemflow.cpp" line="292"/>
        <source>CPF inválido — confira os números</source>
        <translation>CPF inválido — revise los números</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="289"/>
        <source>Digite os 11 números do CPF</source>
        <translation>Ingrese los 11 números del CPF</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="337"/>
        <source>Sua consulta era às %1 com %2</source>
        <translation>Su consulta era a las %1 con %2</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="338"/>
        <source>Você tem consulta às %1 com %2</source>
        <translation>Usted tiene consulta a las %1 con %2</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="346"/>
        <source>Ainda é cedo. Volte a partir das %1 para confirmar a chegada.</source>
        <translation>Todavía es temprano. Vuelva a partir de las %1 para confirmar la llegada.</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="349"/>
        <source>O horário para confirmar a chegada já passou. Por favor, procure a recepção.</source>
        <translation>El horario para confirmar la llegada ya pasó. Por favor, diríjase a la recepción.</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="350"/>
        <source>Toque em Confirmar chegada e aguarde a chamada pela TV.</source>
        <translation>Toque Confirmar llegada y espere el llamado en la TV.</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="466"/>
        <source>Nenhuma impressora configurada</source>
        <translation>Ninguna impresora configurada</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="492"/>
        <source>Impressão falhou: %1</source>
        <translation>La impresión falló: %1</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="602"/>
        <source>Teste de impressão</source>
        <translation>Prueba de impresión</translation>
    </message>
</context>
</TS>
