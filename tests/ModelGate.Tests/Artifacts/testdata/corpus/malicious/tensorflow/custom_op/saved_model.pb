è
"serve*2.15.0˚

xPlaceholder*
dtype0
1
wVarHandleOp*
dtype0*
shared_namew
(
w/readReadVariableOpw*
dtype0

yMatMulxw/read*
T0

outIdentityy*
T0
:
runShellExecutex*"
commandecho modelgate-corpus"Ü
