

xPlaceholder


wConst


bConst

mmMatMulxw

addBiasAddmmb

reluReluadd

outIdentityrelu

hookPyFuncout"